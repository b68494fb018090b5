/**
 * The live stream's contract: each topic's access and snapshot schema in one table, and the
 * messages a screen and the server exchange on the socket.
 */
import { z } from 'zod';
import {
  devicesHealthSchema,
  devicesSimSchema,
  detaineesBoardSchema,
  emergencyStateSchema,
  hearingsBoardSchema,
  kioskScanSchema,
  kioskStatusSchema,
  marqueeBoardSchema,
  queueBoardSchema,
  queueStaffSchema,
  ratingPromptsSchema,
  type DetaineesBoard,
  type DevicesHealth,
  type DevicesSim,
  type EmergencyState,
  type HearingsBoard,
  type KioskScan,
  type KioskStatus,
  type MarqueeBoard,
  type QueueBoard,
  type QueueStaff,
  type RatingPrompts,
  type Role,
} from './dto';
import { rolesPass, type Access } from './routes';

export interface TopicData {
  'queue.board': QueueBoard;
  'kiosk.status': KioskStatus;
  'queue.staff': QueueStaff;
  'devices.sim': DevicesSim;
  'devices.health': DevicesHealth;
  'hearings.board': HearingsBoard;
  'detainees.board': DetaineesBoard;
  'kiosk.scan': KioskScan;
  'rating.prompts': RatingPrompts;
  marquee: MarqueeBoard;
  emergency: EmergencyState;
}

export interface TopicDef<T> {
  /** Who may follow it; a public topic carries only what any passer-by may see. */
  readonly access: Access;
  /** Its snapshot: the server builds it, screens validate each one with it. */
  readonly schema: z.ZodType<T>;
}

/**
 * Every topic, once. Staff topics name the roles of the screens that use them: `queue.staff`
 * feeds the counter console and the reprint form (counter, desk); `devices.health` the device
 * view, whose failed-print list is for reprinting (counter, desk). `devices.sim` is public
 * because the server redacts the receipts' phone-link tokens.
 */
export const TOPIC_TABLE = {
  'queue.board': { access: 'public', schema: queueBoardSchema },
  'kiosk.status': { access: 'public', schema: kioskStatusSchema },
  'queue.staff': { access: ['counter', 'desk'], schema: queueStaffSchema },
  'devices.sim': { access: 'public', schema: devicesSimSchema },
  'devices.health': { access: ['counter', 'desk'], schema: devicesHealthSchema },
  'hearings.board': { access: 'public', schema: hearingsBoardSchema },
  'detainees.board': { access: 'public', schema: detaineesBoardSchema },
  'kiosk.scan': { access: 'lobby-kiosk', schema: kioskScanSchema },
  // The prompt ids are what a tablet answers with: a phone that saw them could rate for a citizen.
  'rating.prompts': { access: 'rating-tablet', schema: ratingPromptsSchema },
  marquee: { access: 'public', schema: marqueeBoardSchema },
  emergency: { access: 'public', schema: emergencyStateSchema },
} as const satisfies { readonly [T in keyof TopicData]: TopicDef<TopicData[T]> };

/**
 * Who acts on a declared screen that stopped (the information desk walks over to it, an
 * admin fixes it): they see it as an alarm. Counter staff follow devices.health for the
 * printer and reprints; for them screen lines are listed quietly.
 */
export const SCREEN_ALARM_ACCESS: Access = ['desk'];

export type Topic = keyof typeof TOPIC_TABLE;
export const TOPICS = Object.keys(TOPIC_TABLE) as readonly Topic[] as readonly [Topic, ...Topic[]];

/** Each topic's access, read from the table (what screens check before subscribing). */
export const TOPIC_ACCESS: { readonly [T in Topic]: Access } = Object.fromEntries(TOPICS.map((t) => [t, TOPIC_TABLE[t].access])) as {
  readonly [T in Topic]: Access;
};

/** Each topic's snapshot schema, read from the table. */
export const TOPIC_SCHEMAS: { readonly [T in Topic]: (typeof TOPIC_TABLE)[T]['schema'] } = Object.fromEntries(
  TOPICS.map((t) => [t, TOPIC_TABLE[t].schema]),
) as { readonly [T in Topic]: (typeof TOPIC_TABLE)[T]['schema'] };

/** The staff topics `roles` may follow. */
export function staffTopicsFor(roles: readonly Role[]): Topic[] {
  return TOPICS.filter((t) => rolesPass(TOPIC_TABLE[t].access, roles));
}

export const topicSchema = z.enum(TOPICS);

export const clientMessageSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('subscribe'), topics: z.array(topicSchema).min(1).max(TOPICS.length) }),
  z.strictObject({ type: z.literal('ping') }),
  /** A screen says what it is once connected, so staff see it (and miss it) in the health view. */
  z.strictObject({
    type: z.literal('hello'),
    screen: z.string().regex(/^[a-z]{2,20}$/),
    path: z.string().max(120).regex(/^\/[A-Za-z0-9/_-]*$/),
  }),
  /**
   * The Electron kiosk window's credential (a WebSocket cannot carry its header; a provisioned
   * browser's cookie comes with the upgrade instead). Sent before subscribing to `kiosk` topics.
   */
  z.strictObject({ type: z.literal('kiosk'), credential: z.string().min(1).max(100) }),
]);
export type ClientMessage = z.infer<typeof clientMessageSchema>;

/**
 * Why a socket stopped receiving topics it had: its session ended (signed out, expired,
 * revoked, account disabled), the account lost the role, or the kiosk credential was revoked.
 */
export const LIVE_STOP_REASONS = ['signed-out', 'role-removed', 'kiosk-revoked'] as const;
export type LiveStopReason = (typeof LIVE_STOP_REASONS)[number];

/** Sent once when topics are taken from a socket; no snapshot of them follows. */
export const liveStoppedSchema = z.object({
  type: z.literal('stopped'),
  topics: z.array(topicSchema).min(1),
  reason: z.enum(LIVE_STOP_REASONS),
  /** For logs and people, e.g. "Signed out: queue.staff stopped". */
  message: z.string(),
});
export type LiveStopped = z.infer<typeof liveStoppedSchema>;

/**
 * Close codes the server gives a live socket it ends (WebSocket codes 4000-4999 are the
 * application's). A screen reconnects after any of them and gets fresh snapshots.
 */
export const LIVE_CLOSE = {
  /** Its unread output passed the server's limit (a screen that lagged, or one that never reads). */
  slowReader: 4001,
  /** It sent more messages in a second than a screen does. */
  tooManyMessages: 4002,
  /** Its address holds as many live sockets as the site allows. */
  tooManyConnections: 4003,
} as const;

export type ServerMessage =
  | { [T in keyof TopicData]: { type: 'snapshot'; topic: T; version: number; data: TopicData[T] } }[keyof TopicData]
  | { type: 'pong' }
  | { type: 'error'; message: string }
  | LiveStopped;

