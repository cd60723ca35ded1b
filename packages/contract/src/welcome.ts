import { z } from 'zod';

/** What a chat shows before the first message: a greeting and questions to start with. */
export const welcomeSchema = z.object({
  greeting: z.string().meta({ description: 'Opening message, Markdown' }),
  starters: z.array(z.string()).meta({ description: 'Starter questions; tapping one sends it' }),
});
/** The opening message and starter questions. */
export type Welcome = z.infer<typeof welcomeSchema>;

/** `GET /mpweixin/chatbot/welcome` answer (extension): the opening message and starter questions. */
export const welcomeResponseSchema = z.object({ code: z.literal(200), message: z.string(), data: welcomeSchema });
/** `GET /mpweixin/chatbot/welcome` answer. */
export type WelcomeResponse = z.infer<typeof welcomeResponseSchema>;
