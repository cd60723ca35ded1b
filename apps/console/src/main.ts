import { createApp } from 'vue';
import 'tdesign-vue-next/es/style/index.css';
import App from './App.vue';
import { i18n } from './i18n/index.js';
import { router } from './router.js';
import './console.css';

createApp(App).use(i18n).use(router).mount('#app');
