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
 * parameters as `{name}`, and the Chinese one no parameter the English one lacks (it may leave out
 * a detail: an action's route is in its `path`, not in the Chinese text); free text other parties
 * wrote (an officer's explanation, a cancellation reason) is passed as a parameter, shown as written.
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
  'action.rebook': '运营：在配舱服务重新配载或增加运力',
  'action.resolveException': '运营：在配舱服务处理 {awb} 的异常',
  'action.waitlist': '配舱服务将自动重试至 {retryUntil}；运营可增加运力',
  'action.customsRelease': '海关关员：在海关服务对 {awb} 放行或继续扣留',
  'action.screeningResult': '安检员：在海关服务提交 {awb} 的安检结果',
  'action.tracePieces': '航司（{destination}）：查找 {awb} 的短少件并报告到达与差异',
  'action.truck': '货站 {station}：安排卡车并扫描发车/到场，或由运营改配',
  'timeline.RCS': '{station} 收运：{pieces} 件，{kg} 公斤，目的地 {destination}（{serviceLevel}）',
  'timeline.COR': '{station} 更正：{changes}（{reason}）[（已被收运版本 {supersededBy} 取代）]',
  'timeline.CXL': '{station} 取消：{reason}',
  'timeline.scan': '{code}，{place}[，航班 {flightNumber}][，{pieces} 件][：{remarks}]',
  'timeline.TGC': '扣留（{holdReasons}）：{explanation}',
  'timeline.CCD': '放行（{kind}）：{codes}',
  'timeline.CCD.fastLane': '放行（{kind}，快速通道）：{codes}',
  'timeline.BKD': '订舱 {flightNumber} {route}，{departureAt} 起飞',
  'timeline.BKD.reassigned': '由 {previousFlightId} 改订至 {flightNumber} {route}，{departureAt} 起飞',
  'timeline.RFS': '卡车航班 {flightNumber} {route}，{departureAt} 发车',
  'timeline.EXC': '异常，需运营处理：{assignmentReason}',
  'timeline.WTL': '候补：{assignmentReason}',
  'timeline.OFL': '从 {previousFlightId} 拉下：{assignmentReason}',
  'timeline.MAN': '已配载 {flightNumber} {route}，{departureAt} 起飞',
  'flagDetail.WRONG_AIRPORT': '{code} 扫描在 {place}，但订舱航班 {flightNumber} 从 {origin} 出发',
  'flagDetail.HELD_AFTER_MANIFEST': '{flight} 舱单关闭后被扣留（案件 {caseId}）',
  'flagDetail.TRUCK_LATE_FOR_CUTOFF.departed': '卡车 {happenedAt} 离开 {place}，晚于 {flightNumber} 截载要求的 {departBy}',
  'flagDetail.TRUCK_LATE_FOR_CUTOFF.arrived': '卡车 {happenedAt} 到达 {place}，晚于 {flightNumber} 截载时间 {cutoffAt}',
  'flagDetail.WRONG_FLIGHT': '实际搭乘 {flightNumber} 起飞，但订舱为 {bookedFlight}',
  'flagDetail.MISROUTED.onward': '搭乘 {flightNumber} 离开 {place}，但应从 {via} 转 {onwardFlight}',
  'flagDetail.MISROUTED.direct': '搭乘 {flightNumber} 离开 {place}，但订舱为 {bookedFlight} 直飞 {destination}',
  'flagDetail.MISROUTED.offRoute': '{code} 在 {place}，不在订舱航线 {route} 上',
  'flagDetail.DEPARTED_WHILE_HELD': '海关案件 {caseId} 未结时从 {place} 起飞',
  'flagDetail.PIECES_SHORT': '{place} 从 {flight} 仅提取 {received}/{pieces} 件',
  'flagDetail.HANDLING_DISCREPANCY': '{place} 操作差异[：{remarks}]',
  'flagDetail.DEPARTURE_ASSUMED': '航司未报 DEP：{flight} 从 {place} 的起飞按计划时间推定',
  'flagDetail.NOT_ARRIVED_BY_ETA': '截至 {now} 仍未在预计到达时间 {eta} 到达 {destination}',
  'flagDetail.SERVICE_LEVEL_AT_RISK.arrived': '已于 {at} 到达，晚于 {serviceLevel} 承诺时间 {promisedBy}',
  'flagDetail.SERVICE_LEVEL_AT_RISK.expected': '预计 {at} 到达，晚于 {serviceLevel} 承诺时间 {promisedBy}',
  'flagDetail.SERVICE_LEVEL_AT_RISK.exception': '在运营处理异常前无法承运（{assignmentReason}）；{serviceLevel} 承诺时间 {promisedBy}',
  'flagDetail.EXCEPTION': '{assignmentReason}：{explanation}',
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
  'timeline.RCS': 'Received at {station}: {pieces} pcs, {kg} kg for {destination} ({serviceLevel})',
  'timeline.COR': 'Corrected at {station}: {changes} ({reason})[ (superseded by intake version {supersededBy})]',
  'timeline.CXL': 'Cancelled at {station}: {reason}',
  'timeline.scan': '{code} at {place}[ on {flightNumber}][, {pieces} pcs][: {remarks}]',
  'timeline.TGC': 'Held ({codes}): {explanation}',
  'timeline.CCD': 'Released ({kind}): {codes}',
  'timeline.CCD.fastLane': 'Released ({kind}, fast lane): {codes}',
  'timeline.BKD': 'Booked on {flightNumber} {route}, departs {departureAt}',
  'timeline.BKD.reassigned': 'Re-booked from {previousFlightId} to {flightNumber} {route}, departs {departureAt}',
  'timeline.RFS': 'Road feeder {flightNumber} {route}, departs {departureAt}',
  'timeline.EXC': 'Exception, an operator must resolve it: {code}',
  'timeline.WTL': 'Wait-listed: {code}',
  'timeline.OFL': 'Offloaded from {previousFlightId}: {code}',
  'timeline.MAN': 'Manifested on {flightNumber} {route}, departs {departureAt}',
  'flagDetail.WRONG_AIRPORT': '{code} scan at {place} while booked on {flightNumber} from {origin}',
  'flagDetail.HELD_AFTER_MANIFEST': 'Hold {caseId} placed after the manifest of {flight} closed',
  'flagDetail.TRUCK_LATE_FOR_CUTOFF.departed': 'Truck left {place} at {happenedAt}, after {departBy} required for the {flightNumber} cut-off',
  'flagDetail.TRUCK_LATE_FOR_CUTOFF.arrived': 'Truck reached {place} at {happenedAt}, after the {flightNumber} cut-off {cutoffAt}',
  'flagDetail.WRONG_FLIGHT': 'Departed on {flightNumber} while booked on {bookedFlight}',
  'flagDetail.MISROUTED.onward': 'Left {place} on {flightNumber}, booked onward from {via} on {onwardFlight}',
  'flagDetail.MISROUTED.direct': 'Left {place} on {flightNumber}, booked direct to {destination} on {bookedFlight}',
  'flagDetail.MISROUTED.offRoute': '{code} at {place}, which is not on the booked route {route}',
  'flagDetail.DEPARTED_WHILE_HELD': 'Departed {place} while customs case {caseId} was open',
  'flagDetail.PIECES_SHORT': '{received} of {pieces} pieces received from {flight} at {place}',
  'flagDetail.HANDLING_DISCREPANCY': 'Discrepancy at {place}[: {remarks}]',
  'flagDetail.DEPARTURE_ASSUMED': 'No DEP from the airline: departure of {flight} from {place} assumed at its scheduled time',
  'flagDetail.NOT_ARRIVED_BY_ETA': 'Not arrived at {destination} by its ETA {eta} (now {now})',
  'flagDetail.SERVICE_LEVEL_AT_RISK.arrived': 'Arrived {at}, after the {serviceLevel} promise {promisedBy}',
  'flagDetail.SERVICE_LEVEL_AT_RISK.expected': 'Expected {at}, after the {serviceLevel} promise {promisedBy}',
  'flagDetail.SERVICE_LEVEL_AT_RISK.exception': 'Nothing can carry it ({code}) until an operator resolves the exception; the {serviceLevel} promise is {promisedBy}',
  'flagDetail.EXCEPTION': '{code}: {explanation}',
};

/** Every template by language. */
export const OPERATOR_MESSAGES: Readonly<Record<MessageLang, Readonly<Record<string, string>>>> = { zh, en };

/** Parameters holding codes (comma-separated for lists) that are themselves translated, and their key family. */
const CODE_PARAMS: Readonly<Record<string, string>> = { holdReasons: 'holdReason', assignmentReason: 'assignmentReason', flag: 'flag' };

/**
 * The message's text in `lang`; a key the catalog lacks falls back to the message's own (English)
 * text, else the key. `[...]` in a template is an optional part, written only when every parameter it
 * names is given (not undefined, not empty).
 */
export function renderMessage(m: { key: string; params?: MessageParams; text?: string }, lang: MessageLang): string {
  const template = OPERATOR_MESSAGES[lang][m.key];
  if (template === undefined) return m.text ?? m.key;
  const given = (name: string) => m.params?.[name] !== undefined && m.params[name] !== '';
  return fill(
    template.replace(/\[([^\]]*)\]/g, (_, part: string) => ([...part.matchAll(/\{(\w+)\}/g)].every((p) => given(p[1])) ? part : '')),
    m.params ?? {},
    lang,
  );
}

function fill(template: string, params: MessageParams, lang: MessageLang): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) return '';
    const family = CODE_PARAMS[name];
    if (family === undefined) return String(value);
    return String(value)
      .split(',')
      .map((code) => OPERATOR_MESSAGES[lang][`${family}.${code.trim()}`] ?? code.trim())
      .join(lang === 'zh' ? '、' : ', ');
  });
}

/** A message with its English text; parameters given as undefined or null are left out (optional parts drop). */
export function message(key: string, params: Record<string, string | number | null | undefined> = {}): Message {
  const given = Object.fromEntries(Object.entries(params).filter((entry): entry is [string, string | number] => entry[1] !== undefined && entry[1] !== null));
  return { key, params: given, text: renderMessage({ key, params: given }, 'en') };
}
