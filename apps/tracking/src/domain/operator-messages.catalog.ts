/**
 * The server's human texts as message keys with parameters, in Chinese and English: what the
 * operator views (and the shipment view's summaries) say. The server sends `{ key, params, text }`
 * (`text` in English, for API users); the dashboard renders the key in the chosen language with
 * {@link renderMessage}.
 *
 * Dependency-free on purpose: the dashboard bundle (esbuild, browser) imports this file, so it must
 * not import anything that pulls in server code.
 *
 * Invariants: every key exists in both languages (a unit spec checks it); a template names its
 * parameters as `{name}`; free text other parties wrote (an officer's explanation, a cancellation
 * reason) is passed as a parameter and shown as written.
 */
export type MessageLang = 'zh' | 'en';
export type MessageParams = Record<string, string | number>;

/** A human text: its key and parameters, and the English text. */
export interface Message {
  key: string;
  params: MessageParams;
  text: string;
}

const FLAG_LABELS: Record<MessageLang, Record<string, string>> = {
  zh: {
    WRONG_AIRPORT: '机场错误',
    WRONG_FLIGHT: '航班错误',
    HELD_AFTER_MANIFEST: '配载后扣留',
    DEPARTED_WHILE_HELD: '扣留中起飞',
    TRUCK_LATE_FOR_CUTOFF: '卡车晚于截载',
    SERVICE_LEVEL_AT_RISK: '时效风险',
    EXCEPTION: '无可用运力（需运营处理）',
    HANDLING_DISCREPANCY: '操作差异',
    PIECES_SHORT: '到达件数短少',
    MISROUTED: '中转错运',
    DEPARTURE_ASSUMED: '起飞为推定（航司未报）',
    NOT_ARRIVED_BY_ETA: '逾期未到达',
  },
  en: {
    WRONG_AIRPORT: 'Wrong airport',
    WRONG_FLIGHT: 'Wrong flight',
    HELD_AFTER_MANIFEST: 'Held after manifest',
    DEPARTED_WHILE_HELD: 'Departed while held',
    TRUCK_LATE_FOR_CUTOFF: 'Truck late for cut-off',
    SERVICE_LEVEL_AT_RISK: 'Service level at risk',
    EXCEPTION: 'Exception: nothing can carry it (ops)',
    HANDLING_DISCREPANCY: 'Handling discrepancy',
    PIECES_SHORT: 'Pieces short on arrival',
    MISROUTED: 'Misrouted transfer',
    DEPARTURE_ASSUMED: 'Departure assumed (airline silent)',
    NOT_ARRIVED_BY_ETA: 'Not arrived by ETA',
  },
};

const HOLD_REASON_LABELS: Record<MessageLang, Record<string, string>> = {
  zh: { DG_QUALIFICATION: '危险品资质不符', SCREENING: '待深度安检', DOCUMENTS: '单证不全', ECOMMERCE_RISK: '跨境电商风险', LAB_RESULT: '实验室检测未通过', MANUAL: '关员扣留', SCREENING_FAILED: '安检发现问题' },
  en: { DG_QUALIFICATION: 'DG qualification', SCREENING: 'Deep screening', DOCUMENTS: 'Documents', ECOMMERCE_RISK: 'E-commerce risk', LAB_RESULT: 'Lab result failed', MANUAL: 'Held by an officer', SCREENING_FAILED: 'Screening failed' },
};

const ASSIGNMENT_REASON_LABELS: Record<MessageLang, Record<string, string>> = {
  zh: {
    NO_CAPACITY: '舱位不足',
    CUTOFF_UNREACHABLE: '赶不上截载',
    CAO_NO_FREIGHTER: '仅限货机但无货机',
    NO_COLD_CHAIN: '无冷链舱位',
    SERVICE_LEVEL_UNREACHABLE: '无法满足时效',
    NO_ROUTE: '无可用航线',
    CUSTOMS_HOLD: '海关扣留',
    FLIGHT_CANCELLED: '航班取消',
    FLIGHT_DELAYED: '航班延误',
    BATCH_REPLAN: '批次重新配舱',
    ROAD_FEEDER_FALLBACK: '改用卡车航班',
    LATER_FLIGHT: '改配后续航班',
    LATER_FLIGHT_STANDBY: '后续航班候补',
  },
  en: {
    NO_CAPACITY: 'No capacity',
    CUTOFF_UNREACHABLE: 'Cut-off unreachable',
    CAO_NO_FREIGHTER: 'Cargo aircraft only, no freighter',
    NO_COLD_CHAIN: 'No cold chain',
    SERVICE_LEVEL_UNREACHABLE: 'Service level unreachable',
    NO_ROUTE: 'No route',
    CUSTOMS_HOLD: 'Customs hold',
    FLIGHT_CANCELLED: 'Flight cancelled',
    FLIGHT_DELAYED: 'Flight delayed',
    BATCH_REPLAN: 'Batch re-plan',
    ROAD_FEEDER_FALLBACK: 'Road feeder instead',
    LATER_FLIGHT: 'Later flight',
    LATER_FLIGHT_STANDBY: 'Stand-by for a later flight',
  },
};

const prefixed = (prefix: string, labels: Record<string, string>): Record<string, string> => Object.fromEntries(Object.entries(labels).map(([code, text]) => [`${prefix}.${code}`, text]));

const zh: Record<string, string> = {
  ...prefixed('flag', FLAG_LABELS.zh),
  ...prefixed('holdReason', HOLD_REASON_LABELS.zh),
  ...prefixed('assignmentReason', ASSIGNMENT_REASON_LABELS.zh),
  'flightStatus.OPEN': '收货中',
  'flightStatus.CUT_OFF': '已截载',
  'flightStatus.MANIFESTED': '舱单已关闭',
  'flightStatus.DEPARTED': '已起飞',
  'truckState.PLANNED': '待装车',
  'truckState.LOADED': '已装车',
  'truckState.ON_ROAD': '在途',
  'truckState.ARRIVED': '已到场',
  'exceptionKind.SERVICE_LEVEL_AT_RISK': '时效风险',
  'exceptionKind.NO_FLIGHT': '无航班可配',
  'exceptionKind.WAITLISTED': '候补待配',
  'exceptionKind.CUSTOMS_HOLD_OVERDUE': '海关扣留超时',
  'exceptionKind.PIECES_SHORT': '件数短少',
  'exceptionKind.TRUCK_LATE': '卡车晚于截载',
  'exception.serviceLevelAtRisk.reason': '预计 {expected} 到达，晚于 {serviceLevel} 承诺时间 {promisedBy}',
  'exception.noFlight.reason': '没有航班能承运：{assignmentReason}（{explanation}）',
  'exception.waitlisted.reason': '候补中：{assignmentReason}，重试截至 {retryUntil}',
  'exception.customsHoldOverdue.reason': '海关扣留已 {minutes} 分钟（{holdReasons}），超过 {threshold} 分钟阈值',
  'exception.piecesShort.reason': '{detail}',
  'exception.truckLate.flag.reason': '{detail}',
  'exception.truckLate.notDeparted.reason': '卡车应于 {dueBy} 前从 {station} 发车（{flightNumber} 截载），尚未发车',
  'exception.truckLate.notArrived.reason': '卡车应于截载 {dueBy} 前到达 {airport}（{flightNumber}），尚未到达',
  'action.rebook': '运营：在配舱服务重新配载或增加运力（POST /v1/flights）',
  'action.resolveException': '运营：在配舱服务处理异常 POST /v1/exceptions/{awb}/resolve',
  'action.waitlist': '配舱服务将自动重试至 {retryUntil}；运营可增加运力（POST /v1/flights）',
  'action.customsRelease': '海关关员：在海关服务放行或继续扣留 POST /v1/cases/{awb}/releases',
  'action.screeningResult': '安检员：在海关服务提交安检结果 POST /v1/cases/{awb}/screening-results',
  'action.tracePieces': '航司（{destination}）：查找短少件并报告 RCF/DIS（POST /v1/shipments/{awb}/status）',
  'action.truck': '货站 {station}：安排卡车并扫描发车/到场（POST /v1/stations/{station}/scans），或由运营改配',
};

const en: Record<string, string> = {
  ...prefixed('flag', FLAG_LABELS.en),
  ...prefixed('holdReason', HOLD_REASON_LABELS.en),
  ...prefixed('assignmentReason', ASSIGNMENT_REASON_LABELS.en),
  'flightStatus.OPEN': 'Open',
  'flightStatus.CUT_OFF': 'Cut-off passed',
  'flightStatus.MANIFESTED': 'Manifest closed',
  'flightStatus.DEPARTED': 'Departed',
  'truckState.PLANNED': 'To load',
  'truckState.LOADED': 'Loaded',
  'truckState.ON_ROAD': 'On the road',
  'truckState.ARRIVED': 'At the airport',
  'exceptionKind.SERVICE_LEVEL_AT_RISK': 'Promise at risk',
  'exceptionKind.NO_FLIGHT': 'No flight can carry it',
  'exceptionKind.WAITLISTED': 'Wait-listed',
  'exceptionKind.CUSTOMS_HOLD_OVERDUE': 'Customs hold overdue',
  'exceptionKind.PIECES_SHORT': 'Pieces short',
  'exceptionKind.TRUCK_LATE': 'Truck late for cut-off',
  'exception.serviceLevelAtRisk.reason': 'Expected {expected}, after the {serviceLevel} promise {promisedBy}',
  'exception.noFlight.reason': 'Nothing can carry it: {assignmentReason} ({explanation})',
  'exception.waitlisted.reason': 'Wait-listed: {assignmentReason}, retried until {retryUntil}',
  'exception.customsHoldOverdue.reason': 'Held by customs for {minutes} min ({holdReasons}), over the {threshold} min threshold',
  'exception.piecesShort.reason': '{detail}',
  'exception.truckLate.flag.reason': '{detail}',
  'exception.truckLate.notDeparted.reason': 'The truck had to leave {station} by {dueBy} for the {flightNumber} cut-off and has not',
  'exception.truckLate.notArrived.reason': 'The truck had to reach {airport} by the {flightNumber} cut-off {dueBy} and has not',
  'action.rebook': 'Ops: re-plan at flight-assignment or add capacity (POST /v1/flights)',
  'action.resolveException': 'Ops: resolve the exception at flight-assignment POST /v1/exceptions/{awb}/resolve',
  'action.waitlist': 'Flight assignment retries until {retryUntil}; ops may add capacity (POST /v1/flights)',
  'action.customsRelease': 'Customs officer: release or keep holding at customs-hold POST /v1/cases/{awb}/releases',
  'action.screeningResult': 'Screener: post the screening result at customs-hold POST /v1/cases/{awb}/screening-results',
  'action.tracePieces': 'Airline at {destination}: trace the missing pieces and report RCF/DIS (POST /v1/shipments/{awb}/status)',
  'action.truck': 'Station {station}: dispatch the truck and scan its departure/arrival (POST /v1/stations/{station}/scans), or ops re-plan',
};

/** Every template by language. */
export const OPERATOR_MESSAGES: Readonly<Record<MessageLang, Readonly<Record<string, string>>>> = { zh, en };

/** Parameters holding codes (comma-separated for lists) that are themselves translated, and their key family. */
const CODE_PARAMS: Readonly<Record<string, string>> = { holdReasons: 'holdReason', assignmentReason: 'assignmentReason', flag: 'flag' };

/** The message's text in `lang`; a key the catalog lacks falls back to the message's own (English) text, else the key. */
export function renderMessage(m: { key: string; params?: MessageParams; text?: string }, lang: MessageLang): string {
  const template = OPERATOR_MESSAGES[lang][m.key];
  if (template === undefined) return m.text ?? m.key;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = m.params?.[name];
    if (value === undefined) return '';
    const family = CODE_PARAMS[name];
    if (family === undefined) return String(value);
    return String(value)
      .split(',')
      .map((code) => OPERATOR_MESSAGES[lang][`${family}.${code.trim()}`] ?? code.trim())
      .join(lang === 'zh' ? '、' : ', ');
  });
}

/** A message with its English text. */
export function message(key: string, params: MessageParams = {}): Message {
  return { key, params, text: renderMessage({ key, params }, 'en') };
}
