/**
 * The shipped networking glossary: the names the ranker treats as entities (protocols,
 * technologies, tools, states, port types) and the Huawei/Cisco command pairs that mean the
 * same thing. It is added to every knowledge base, so a course that writes only Huawei
 * commands still finds an entry for a question asked in Cisco terms, and so a question about
 * a protocol the course does not cover (VRRP, IS-IS …) is recognised as such instead of being
 * matched on its other words.
 *
 * Entity lines: `kind family: term term …` — every term names the family; the kind says which
 * names can replace one another in a follow-up ("OSPF认证怎么配" → "那RIP呢": both protocols).
 * Terms are compared after NFKC + lowercase; a multi-word term may be written with `-` or spaces.
 */
const ENTITIES = `
protocol ospf: ospf ospfv2 ospfv3
protocol rip: rip ripv1 ripv2 ripng
protocol bgp: bgp ibgp ebgp
protocol isis: is-is isis
protocol eigrp: eigrp
protocol vrrp: vrrp
protocol hsrp: hsrp
protocol static-route: 静态路由 浮动静态路由
protocol default-route: 默认路由
protocol ppp: ppp chap pap
protocol mpls: mpls
protocol gre: gre
protocol ipsec: ipsec
protocol ipv6: ipv6
protocol snmp: snmp
protocol ntp: ntp
protocol telnet: telnet
protocol ssh: ssh
protocol ftp: ftp tftp
protocol acl: acl
protocol nat: nat napt easy-ip nat-server
protocol dhcp: dhcp
protocol dns: dns
protocol arp: arp
protocol icmp: icmp
protocol qos: qos
protocol vpn: vpn
protocol wlan: wlan wifi
protocol port-security: 端口安全 port-security
protocol subnetting: 子网划分 vlsm
switching vlan: vlan vlanif
switching stp: stp
switching rstp: rstp
switching mstp: mstp
switching eth-trunk: eth-trunk lacp
switching router-on-a-stick: 单臂路由
switching layer3-switching: 三层交换 三层交换机
port access: access
port trunk: trunk
port hybrid: hybrid
tool ensp: ensp
tool packet-tracer: packet-tracer
tool gns3: gns3 dynamips iou
tool virtualbox: virtualbox
tool wireshark: wireshark
tool tracert: tracert traceroute
state init: init
state 2-way: 2-way
state exstart: exstart
state exchange: exchange
state loading: loading
state full: full
state idle: idle
state connect: connect
state active: active
state opensent: opensent
state openconfirm: openconfirm
state established: established
state discarding: discarding
`;

/**
 * Built-in synonym groups (the first word is the form everything is indexed as): Huawei vs
 * Cisco commands and the English/Chinese names of the same thing. A knowledge base's own
 * `synonyms.txt` adds to these.
 */
const SYNONYMS = `
display show
undo no
system-view configure-terminal conf-t
quit exit
save write write-memory copy-running-config
current-configuration running-config
reset clear
sysname hostname
ip-route-static ip-route
user-interface line-vty
packet-tracer pt 思科模拟器 cisco-packet-tracer
easy-ip easyip
nat-server 端口映射
eth-trunk 链路聚合 端口聚合 port-channel etherchannel
tracert traceroute
stp 生成树
2-way two-way 2way
华为 huawei
思科 cisco
`;

/** An entity: the family it names and what kind of name it is. */
export interface GlossaryEntity {
  family: string;
  kind: string;
}

/** The parsed glossary. */
export interface Glossary {
  /** term (normalised) → entity. */
  entities: ReadonlyMap<string, GlossaryEntity>;
  /** Synonym groups, each a list of terms, the first the canonical one. */
  synonymGroups: readonly string[][];
}

/** NFKC + lowercase, runs of spaces and hyphens between Latin words as one `-`. */
export function normalizeTerm(term: string): string {
  return term.normalize('NFKC').toLowerCase().trim().replace(/(?<=[a-z0-9])[\s-]+(?=[a-z0-9])/g, '-');
}

function parseGlossary(): Glossary {
  const entities = new Map<string, GlossaryEntity>();
  for (const line of ENTITIES.split('\n')) {
    const match = /^(\S+)\s+(\S+):\s*(.+)$/.exec(line.trim());
    if (!match) continue;
    for (const term of match[3]!.split(/\s+/)) entities.set(normalizeTerm(term), { kind: match[1]!, family: match[2]! });
  }
  const synonymGroups = SYNONYMS.split('\n')
    .map((line) => line.trim().split(/\s+/).filter(Boolean).map(normalizeTerm))
    .filter((group) => group.length > 1);
  return { entities, synonymGroups };
}

/** The shipped glossary (parsed once). */
export const GLOSSARY: Glossary = parseGlossary();
