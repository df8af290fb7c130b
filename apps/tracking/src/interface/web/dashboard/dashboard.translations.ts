/// <reference lib="dom" />
/** Dashboard texts in Chinese and English. */
export type Lang = 'zh' | 'en';

export const TEXT = {
  zh: {
    title: '武汉航空货运枢纽 · 货物追踪与枢纽指标',
    search: '运单查询',
    searchButton: '查询',
    holds: '海关/安检扣留',
    kpis: '2027 目标指标',
    board: '出港航班（天河 WUH / 花湖 EHU）',
    live: '实时',
    offline: '连接中…',
    signIn: '登录',
    signOut: '退出',
    tokenPlaceholder: '运营访问令牌',
    operatorOnly: '运营视图需要运营（ops）角色的访问令牌；公众可按运单号查询状态。',
    restricted: '公开状态（登录后可见完整信息）',
    notFound: '未找到该运单的事件',
    invalidAwb: '运单号格式错误',
    status: '状态',
    booking: '订舱航班',
    eta: '预计到达',
    next: '下一步',
    flags: '异常',
    timeline: '时间线',
    recordedLate: '迟报',
    happened: '发生',
    recorded: '记录',
    none: '无',
    flight: '航班',
    destination: '目的地',
    departs: '起飞',
    kind: '机型',
    booked: '已订舱',
    loadFactor: '载运率',
    manifested: '舱单已关闭',
    open: '未关闭',
    since: '自',
    reasons: '原因',
    target: '目标',
    airSelfTransport: '航空自运率',
    onTime: '准时率',
    shanghai: '汉沪快线 日均航班',
    hongKong: '汉港快线 日均航班',
    intlRoutes: '国际航线',
    transferRoutes: '国际中转航线',
    holdTime: '海关扣留时长（中位/P90，小时）',
    lfAirport: '载运率（按机场）',
    lfKind: '载运率（按机型）',
    noData: '暂无数据',
    asOf: '统计时点',
    completedDays: '已完成天数',
    flown: '空运',
    roadFed: '卡车',
    waitlisted: '候补',
    exceptions: '异常',
    undecided: '待分配',
    lateDelivered: '延误交付',
    lateNotDelivered: '超时未交付',
    notYetDue: '未到期(不计)',
    promisedBy: '承诺时限',
    revisedPromise: '新承诺时限',
    exception: '异常（需运营处理）',
  },

  en: {
    title: 'Wuhan Air Cargo Hub · Tracking and hub KPIs',
    search: 'Track a shipment',
    searchButton: 'Track',
    holds: 'Open customs / security holds',
    kpis: 'KPIs against the 2027 targets',
    board: 'Departures (Tianhe WUH / Huahu EHU)',
    live: 'live',
    offline: 'connecting…',
    signIn: 'Sign in',
    signOut: 'Sign out',
    tokenPlaceholder: 'operator access token',
    operatorOnly: 'Operator views need an access token with the ops role; anyone may look up an AWB.',
    restricted: 'Public status (sign in for the full view)',
    notFound: 'No events for this AWB yet',
    invalidAwb: 'Invalid AWB',
    status: 'Status',
    booking: 'Booked flight',
    eta: 'ETA',
    next: 'Next',
    flags: 'Discrepancies',
    timeline: 'Timeline',
    recordedLate: 'recorded late',
    happened: 'happened',
    recorded: 'recorded',
    none: 'none',
    flight: 'Flight',
    destination: 'To',
    departs: 'Departs',
    kind: 'Kind',
    booked: 'Booked',
    loadFactor: 'Load factor',
    manifested: 'manifest closed',
    open: 'open',
    since: 'since',
    reasons: 'Reasons',
    target: 'target',
    airSelfTransport: 'Air self-transport rate',
    onTime: 'On time',
    shanghai: 'Wuhan–Shanghai flights / day',
    hongKong: 'Wuhan–Hong Kong flights / day',
    intlRoutes: 'International routes',
    transferRoutes: 'Transfer routes',
    holdTime: 'Customs hold time (median / p90, h)',
    lfAirport: 'Load factor by airport',
    lfKind: 'Load factor by aircraft kind',
    noData: 'no data yet',
    asOf: 'as of',
    completedDays: 'completed days',
    flown: 'flown',
    roadFed: 'road-fed',
    waitlisted: 'wait-listed',
    exceptions: 'exceptions',
    undecided: 'not decided yet',
    lateDelivered: 'delivered late',
    lateNotDelivered: 'past promise, not delivered',
    notYetDue: 'not yet due (left out)',
    promisedBy: 'Promised by',
    revisedPromise: 'New promise',
    exception: 'Exception (ops must resolve)',
  },

} as const;
export type TextKey = keyof (typeof TEXT)['en'];

export const STATUS_TEXT: Record<Lang, Record<string, string>> = {
  zh: { RCS: '已收运', FOH: '在库', TGC: '海关扣留', CCD: '已放行', BKD: '已订舱', MAN: '已配载', DEP: '已起飞', ARR: '航班已到达', DLV: '已交付', TDP: '卡车发车', TAR: '卡车到场', LOT: '装车', RCF: '已从航班提取', NFD: '已通知收货人', DIS: '差异', WTL: '候补', OFL: '拉货', RFS: '卡车航班', EXC: '异常待处理', COR: '货站更正', CXL: '货站取消' },
  en: { RCS: 'Received', FOH: 'On hand', TGC: 'Held by customs', CCD: 'Cleared', BKD: 'Booked', MAN: 'Manifested', DEP: 'Departed', ARR: 'Flight arrived', DLV: 'Delivered', TDP: 'Truck departed', TAR: 'Truck at airport', LOT: 'Loaded on truck', RCF: 'Received from flight', NFD: 'Consignee notified', DIS: 'Discrepancy', WTL: 'Wait-listed', OFL: 'Offloaded', RFS: 'Road feeder', EXC: 'Exception', COR: 'Corrected at station', CXL: 'Cancelled at station' },
};

export const FLAG_TEXT: Record<Lang, Record<string, string>> = {
  zh: { WRONG_AIRPORT: '机场错误', WRONG_FLIGHT: '航班错误', HELD_AFTER_MANIFEST: '配载后扣留', DEPARTED_WHILE_HELD: '扣留中起飞', TRUCK_LATE_FOR_CUTOFF: '卡车晚于截载', SERVICE_LEVEL_AT_RISK: '时效风险', HANDLING_DISCREPANCY: '操作差异', PIECES_SHORT: '到达件数短少', MISROUTED: '中转错运', DEPARTURE_ASSUMED: '起飞为推定（航司未报）', NOT_ARRIVED_BY_ETA: '逾期未到达', EXCEPTION: '无可用运力（需运营处理）' },
  en: { WRONG_AIRPORT: 'Wrong airport', WRONG_FLIGHT: 'Wrong flight', HELD_AFTER_MANIFEST: 'Held after manifest', DEPARTED_WHILE_HELD: 'Departed while held', TRUCK_LATE_FOR_CUTOFF: 'Truck late for cut-off', SERVICE_LEVEL_AT_RISK: 'Service level at risk', HANDLING_DISCREPANCY: 'Handling discrepancy', PIECES_SHORT: 'Pieces short on arrival', MISROUTED: 'Misrouted transfer', DEPARTURE_ASSUMED: 'Departure assumed (airline silent)', NOT_ARRIVED_BY_ETA: 'Not arrived by ETA', EXCEPTION: 'Exception: nothing can carry it (ops)' },
};

export const NEXT_TEXT: Record<Lang, Record<string, string>> = {
  zh: { CUSTOMS_CLEARANCE: '海关放行', CUSTOMS_RELEASE: '等待解除扣留', FLIGHT_ASSIGNMENT: '分配航班', EXCEPTION_RESOLUTION: '运营处理异常', TRUCK_DEPARTURE: '卡车发车', TRUCK_ARRIVAL: '卡车到达机场', MANIFEST: '舱单关闭', DEPARTURE: '航班起飞', TRANSFER: '中转续程', ARRIVAL: '到达目的地', DELIVERY: '交付' },
  en: { CUSTOMS_CLEARANCE: 'Customs clearance', CUSTOMS_RELEASE: 'Release from hold', FLIGHT_ASSIGNMENT: 'Flight assignment', EXCEPTION_RESOLUTION: 'Exception resolution by ops', TRUCK_DEPARTURE: 'Truck departure', TRUCK_ARRIVAL: 'Truck arrival at airport', MANIFEST: 'Manifest close', DEPARTURE: 'Departure', TRANSFER: 'Onward flight at the transfer hub', ARRIVAL: 'Arrival at destination', DELIVERY: 'Delivery' },
};

/** The KPI tiles, keyed as `KPI_HELP`; each tile's tooltip is its definition. */
export type KpiKey = 'airSelfTransport' | 'onTime' | 'shanghai' | 'hongKong' | 'intlRoutes' | 'transferRoutes' | 'holdTime' | 'loadFactor';

/**
 * Each KPI's definition (numerator, denominator, time window, what is left out and why), shown as
 * the tile's tooltip; the same definitions as the tracking README's "KPIs" section.
 */
export const KPI_HELP: Record<Lang, Record<KpiKey, string>> = {
  zh: {
    airSelfTransport:
      '分子：武汉都市圈货站的出口货物中，订舱由天河/花湖起飞的票数（含改订后续航班）。分母：截至统计时点已收运、已获海关放行可运输的都市圈货物全部计入——已订空运、卡车转运、候补、异常、待分配。时间范围：截至统计时点（共享时钟）收运的货物。不计：都市圈以外货站的货物（不属本指标）；海关未放行或订舱前再次扣留的货物（枢纽不得运输）。按重量：同口径的计费重量。',
    onTime:
      '分子：在承诺时限（收运时间+1/2/3天）内交付（DLV）的票数。分母：该时效等级中已获放行、且截至统计时点结果已知的货物——已交付，或已过承诺时限（仍在途、候补或异常而超过时限的，一律计为延误）。时间范围：截至统计时点收运的货物。不计：尚未交付且承诺时限未到的货物（到期后计入）；海关从未放行的货物（见扣留时长）。',
    shanghai:
      '分子：天河/花湖飞往上海（浦东PVG、虹桥SHA）且舱单已关闭（实际执行）的航班数，按武汉当地起飞日期。分母：已完成的当地自然日数，从首个有执行航班的日期到昨天（无此类航班的日子按0计）。不计：今天（尚未结束）、取消或未关闭的航班、卡车。',
    hongKong:
      '分子：天河/花湖飞往香港（HKG）且舱单已关闭（实际执行）的航班数，按武汉当地起飞日期。分母：已完成的当地自然日数，从首个有执行航班的日期到昨天（无此类航班的日子按0计）。不计：今天（尚未结束）、取消或未关闭的航班、卡车。',
    intlRoutes: '天河/花湖至境外机场的不同航线（起飞地-目的地）数，仅计截至统计时点舱单已关闭并已起飞的航班。不计：取消或未来的航班、卡车。',
    transferRoutes: '经浦东/香港中转的不同行程（起飞地-中转地-目的地）数，仅计首段截至统计时点已起飞的订舱。',
    holdTime: '每次海关/安检扣留（TGC）到解除扣留的放行（CCD）之间的小时数，统计截至统计时点已放行的扣留：中位数与第90百分位。未解除的扣留单独计数（时长尚未可知）。',
    loadFactor: '舱单计费重量之和 ÷ 运力之和，统计天河/花湖舱单已在截载时关闭的飞机（装载已确定）。不计：未关闭的航班（订舱仍在变化）、卡车。',
  },
  en: {
    airSelfTransport:
      'Numerator: the metro-area stations’ export shipments booked to fly from WUH/EHU (on time or on a later flight). Denominator: every metro-area shipment received by now and released by customs for carriage — flown, road-fed, wait-listed, exceptions and not yet decided alike. Window: shipments received up to now (shared clock). Left out: other regions’ stations (not the metro area’s cargo); shipments customs has not released, or holds again before booking (the hub may not move them). By weight: the same in chargeable kg.',
    onTime:
      'Numerator: shipments delivered (DLV) by their promise (receipt + 1/2/3 days). Denominator: the level’s shipments released for carriage whose outcome is known now — delivered, or past their promise (still in transit, wait-listed or in exception past the promise count late). Window: shipments received up to now (shared clock). Left out: undelivered shipments whose promise is still ahead (until due); shipments customs never released (see the hold time).',
    shanghai:
      'Numerator: flights WUH/EHU → Shanghai (PVG, SHA) that closed their manifest (operated), by local departure day. Denominator: completed local days, from the first day with an operated departure to yesterday (days without such a flight count 0). Left out: today (not over yet), cancelled or still open flights, trucks.',
    hongKong:
      'Numerator: flights WUH/EHU → Hong Kong (HKG) that closed their manifest (operated), by local departure day. Denominator: completed local days, from the first day with an operated departure to yesterday (days without such a flight count 0). Left out: today (not over yet), cancelled or still open flights, trucks.',
    intlRoutes: 'Distinct WUH/EHU → non-domestic airport legs flown: manifest closed and departed by now. Left out: cancelled and future flights, trucks.',
    transferRoutes: 'Distinct WUH/EHU → PVG/HKG → destination itineraries booked with a connection whose first leg departed by now.',
    holdTime: 'Hours from each customs/security hold (TGC) to the release that ends it (CCD), over the holds released by now: median and 90th percentile. Open holds are counted apart (their length is not known yet).',
    loadFactor: 'Σ manifest chargeable kg / Σ capacity kg of the aircraft from WUH/EHU whose manifest closed at cut-off (the load is final). Left out: open flights (their bookings still change) and road-feeder trucks.',
  },
};
