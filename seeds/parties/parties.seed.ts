import { creditGradeForScore, type CommodityCategory, type Party, type Shipper } from '@cargo/contracts';

/**
 * Fictional but realistic parties: shippers across the stations and the plan's cargo mix
 * (optoelectronics in Optics Valley, biomedicine, auto parts in the Economic-Development zone,
 * cross-border e-commerce, seafood and crayfish, lithium battery makers), forwarding agents and
 * manufacturers. Names are invented; any likeness to a real company is accidental.
 *
 * Credit scores follow the air-cargo integrity credit points (诚信积分制); the grade is derived
 * from the score (A ≥ 90, B ≥ 75, C ≥ 60, D below), and sets the deep-screening share.
 */

/** Administrative division codes used in the unified social credit codes. */
const AREA: Readonly<Record<string, string>> = {
  OVS: '420100', NPB: '420100', EDB: '420100', EZS: '420700', HSS: '420200', HGS: '421100', XGS: '420900',
  XNS: '421200', XTS: '429004', TMS: '429006', QJS: '429005', SUS: '320500', KSS: '320583', YWS: '330782',
  NBS: '330200', DGS: '441900', FSS: '440600', XMS: '350200', QZS: '350500',
};
const CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** A well-formed (not registered) unified social credit code: `91` + area + `MA` + 8 characters. */
function creditCode(n: number, area: string): string {
  let tail = '';
  let x = (n * 2_654_435_761) >>> 0;
  for (let i = 0; i < 8; i++) {
    tail += CODE_CHARS[x % CODE_CHARS.length];
    x = Math.floor(x / CODE_CHARS.length) + n * 7 + i;
  }
  return `91${area}MA${tail}`;
}

type ShipperRow = [id: string, station: string, nameZh: string, nameEn: string, categories: CommodityCategory[], score: number, ecommerce?: boolean];

const SHIPPER_ROWS: readonly ShipperRow[] = [
  ['SHP-OV-001', 'OVS', '武汉光谷星河光电科技有限公司', 'Wuhan Guanggu Xinghe Optoelectronics Co., Ltd.', ['OPTOELECTRONICS', 'LITHIUM_BATTERIES'], 93],
  ['SHP-OV-002', 'OVS', '武汉楚芯光通信股份有限公司', 'Wuhan Chuxin Optical Communication Co., Ltd.', ['OPTOELECTRONICS'], 88],
  ['SHP-OV-003', 'OVS', '武汉东湖激光装备有限公司', 'Wuhan Donghu Laser Equipment Co., Ltd.', ['OPTOELECTRONICS'], 79],
  ['SHP-OV-004', 'OVS', '武汉光谷智联终端科技有限公司', 'Wuhan Guanggu Zhilian Smart Terminal Technology Co., Ltd.', ['SMART_TERMINALS', 'LITHIUM_BATTERIES'], 72],
  ['SHP-OV-005', 'OVS', '湖北九峰生物医药有限公司', 'Hubei Jiufeng Biomedicine Co., Ltd.', ['BIOMEDICINE', 'PHARMA'], 95],
  ['SHP-OV-006', 'OVS', '武汉高新医疗器械有限公司', 'Wuhan Gaoxin Medical Devices Co., Ltd.', ['MEDICAL_DEVICES'], 86],
  ['SHP-OV-007', 'OVS', '武汉光谷显示技术有限公司', 'Wuhan Guanggu Display Technology Co., Ltd.', ['CONSUMER_ELECTRONICS', 'OPTOELECTRONICS'], 91],
  ['SHP-OV-008', 'OVS', '武汉芯源储能电池有限公司', 'Wuhan Xinyuan Energy Storage Battery Co., Ltd.', ['LITHIUM_BATTERIES'], 66],
  ['SHP-OV-009', 'OVS', '武汉珞珈跨境电商供应链有限公司', 'Wuhan Luojia Cross-border E-commerce Supply Chain Co., Ltd.', ['ECOMMERCE_PARCELS'], 74, true],
  ['SHP-OV-010', 'OVS', '武汉速通跨境贸易有限公司', 'Wuhan Sutong Cross-border Trade Co., Ltd.', ['ECOMMERCE_PARCELS', 'APPAREL'], 58, true],
  ['SHP-OV-011', 'OVS', '武汉光谷生物制品有限公司', 'Wuhan Guanggu Biological Products Co., Ltd.', ['BIOMEDICINE'], 90],
  ['SHP-OV-012', 'OVS', '武汉云途智能手机有限公司', 'Wuhan Yuntu Smartphone Co., Ltd.', ['SMART_TERMINALS', 'CONSUMER_ELECTRONICS'], 83],
  ['SHP-NP-001', 'NPB', '武汉临空港冷链食品有限公司', 'Wuhan Linkonggang Cold Chain Foods Co., Ltd.', ['PERISHABLES', 'CHILLED_AQUATIC'], 81],
  ['SHP-NP-002', 'NPB', '武汉江海水产进出口有限公司', 'Wuhan Jianghai Aquatic Products Import & Export Co., Ltd.', ['CHILLED_AQUATIC'], 69],
  ['SHP-NP-003', 'NPB', '湖北空港跨境电商物流有限公司', 'Hubei Konggang Cross-border E-commerce Logistics Co., Ltd.', ['ECOMMERCE_PARCELS'], 77, true],
  ['SHP-NP-004', 'NPB', '武汉新港珠宝首饰有限公司', 'Wuhan Xingang Jewellery Co., Ltd.', ['JEWELLERY'], 92],
  ['SHP-NP-005', 'NPB', '武汉汉江服饰有限公司', 'Wuhan Hanjiang Apparel Co., Ltd.', ['APPAREL'], 63],
  ['SHP-ED-001', 'EDB', '武汉经开汽车零部件有限公司', 'Wuhan Jingkai Auto Parts Co., Ltd.', ['AUTO_PARTS'], 89],
  ['SHP-ED-002', 'EDB', '武汉沌口智能座舱电子有限公司', 'Wuhan Zhuankou Smart Cockpit Electronics Co., Ltd.', ['AUTO_PARTS', 'CONSUMER_ELECTRONICS'], 84],
  ['SHP-ED-003', 'EDB', '武汉车都动力电池有限公司', 'Wuhan Chedu Power Battery Co., Ltd.', ['LITHIUM_BATTERIES', 'AUTO_PARTS'], 76],
  ['SHP-ED-004', 'EDB', '武汉经开医疗科技有限公司', 'Wuhan Jingkai Medical Technology Co., Ltd.', ['MEDICAL_DEVICES'], 71],
  ['SHP-EZ-001', 'EZS', '鄂州梁子湖水产有限公司', 'Ezhou Liangzihu Aquatic Products Co., Ltd.', ['CHILLED_AQUATIC', 'PERISHABLES'], 80],
  ['SHP-EZ-002', 'EZS', '鄂州花湖快递分拨有限公司', 'Ezhou Huahu Express Distribution Co., Ltd.', ['EXPRESS_MAIL', 'ECOMMERCE_PARCELS'], 94, true],
  ['SHP-HS-001', 'HSS', '黄石铜都精密电子有限公司', 'Huangshi Tongdu Precision Electronics Co., Ltd.', ['CONSUMER_ELECTRONICS'], 73],
  ['SHP-HS-002', 'HSS', '黄石新能源电池材料有限公司', 'Huangshi New Energy Battery Materials Co., Ltd.', ['LITHIUM_BATTERIES'], 55],
  ['SHP-HG-001', 'HGS', '黄冈大别山中药材有限公司', 'Huanggang Dabieshan Medicinal Herbs Co., Ltd.', ['PHARMA', 'BIOMEDICINE'], 82],
  ['SHP-HG-002', 'HGS', '黄冈蕲春艾草制品有限公司', 'Huanggang Qichun Mugwort Products Co., Ltd.', ['GENERAL'], 61],
  ['SHP-XG-001', 'XGS', '孝感临空精密机械有限公司', 'Xiaogan Linkong Precision Machinery Co., Ltd.', ['AUTO_PARTS'], 78],
  ['SHP-XG-002', 'XGS', '孝感光电子元件有限公司', 'Xiaogan Optoelectronic Components Co., Ltd.', ['OPTOELECTRONICS'], 85],
  ['SHP-XN-001', 'XNS', '咸宁温泉生鲜农产品有限公司', 'Xianning Wenquan Fresh Produce Co., Ltd.', ['PERISHABLES'], 67],
  ['SHP-XT-001', 'XTS', '仙桃非织造布医疗用品有限公司', 'Xiantao Nonwoven Medical Supplies Co., Ltd.', ['MEDICAL_DEVICES'], 87],
  ['SHP-TM-001', 'TMS', '天门服装电商有限公司', 'Tianmen Apparel E-commerce Co., Ltd.', ['APPAREL', 'ECOMMERCE_PARCELS'], 59, true],
  ['SHP-QJ-001', 'QJS', '潜江小龙虾供应链有限公司', 'Qianjiang Crayfish Supply Chain Co., Ltd.', ['CHILLED_AQUATIC', 'PERISHABLES'], 75],
  ['SHP-SU-001', 'SUS', '苏州园区半导体封测有限公司', 'Suzhou Park Semiconductor Packaging & Testing Co., Ltd.', ['CONSUMER_ELECTRONICS', 'OPTOELECTRONICS'], 90],
  ['SHP-KS-001', 'KSS', '昆山精密模组电子有限公司', 'Kunshan Precision Module Electronics Co., Ltd.', ['SMART_TERMINALS'], 80],
  ['SHP-YW-001', 'YWS', '义乌小商品跨境出口有限公司', 'Yiwu Small Commodities Cross-border Export Co., Ltd.', ['ECOMMERCE_PARCELS', 'GENERAL'], 64, true],
  ['SHP-NB-001', 'NBS', '宁波港城锂电科技有限公司', 'Ningbo Gangcheng Lithium Technology Co., Ltd.', ['LITHIUM_BATTERIES'], 86],
  ['SHP-DG-001', 'DGS', '东莞松山湖智能终端有限公司', 'Dongguan Songshan Lake Smart Terminal Co., Ltd.', ['SMART_TERMINALS', 'LITHIUM_BATTERIES'], 91],
  ['SHP-FS-001', 'FSS', '佛山顺德家电出口有限公司', 'Foshan Shunde Home Appliance Export Co., Ltd.', ['CONSUMER_ELECTRONICS'], 70],
  ['SHP-XM-001', 'XMS', '厦门鹭岛海鲜进出口有限公司', 'Xiamen Ludao Seafood Import & Export Co., Ltd.', ['CHILLED_AQUATIC'], 77],
  ['SHP-QZ-001', 'QZS', '泉州晋江鞋服出口有限公司', 'Quanzhou Jinjiang Footwear & Apparel Export Co., Ltd.', ['APPAREL'], 83],
];

export const SHIPPERS: readonly Shipper[] = SHIPPER_ROWS.map(([id, stationCode, nameZh, nameEn, commodityCategories, creditScore, ecommerce = false], i) => ({
  id,
  role: 'SHIPPER',
  nameZh,
  nameEn,
  creditCode: creditCode(i + 1, AREA[stationCode] ?? '420100'),
  stationCode,
  commodityCategories,
  creditScore,
  creditGrade: creditGradeForScore(creditScore),
  ecommerce,
}));

type PartyRow = [id: string, nameZh: string, nameEn: string, area: string];

const agent = ([id, nameZh, nameEn, area]: PartyRow, i: number): Party => ({ id, role: 'AGENT', nameZh, nameEn, creditCode: creditCode(100 + i, area) });
const manufacturer = ([id, nameZh, nameEn, area]: PartyRow, i: number): Party => ({ id, role: 'MANUFACTURER', nameZh, nameEn, creditCode: creditCode(200 + i, area) });

/** Forwarding agents that hand cargo over at the stations. */
export const AGENTS: readonly Party[] = ([
  ['AGT-001', '武汉楚天国际货运代理有限公司', 'Wuhan Chutian International Freight Forwarding Co., Ltd.', '420100'],
  ['AGT-002', '湖北临空国际物流有限公司', 'Hubei Linkong International Logistics Co., Ltd.', '420100'],
  ['AGT-003', '武汉长江航空货运代理有限公司', 'Wuhan Changjiang Air Freight Agency Co., Ltd.', '420100'],
  ['AGT-004', '苏州东方国际货运代理有限公司', 'Suzhou Dongfang International Freight Forwarding Co., Ltd.', '320500'],
  ['AGT-005', '东莞深莞国际货运代理有限公司', 'Dongguan Shenguan International Freight Forwarding Co., Ltd.', '441900'],
  ['AGT-006', '武汉捷达跨境物流有限公司', 'Wuhan Jieda Cross-border Logistics Co., Ltd.', '420100'],
] as const satisfies readonly PartyRow[]).map(agent);

/** Manufacturers of dangerous goods (lithium cells and packs, aerosols, chemicals). */
export const MANUFACTURERS: readonly Party[] = ([
  ['MFR-001', '武汉光谷新能电芯有限公司', 'Wuhan Guanggu Xinneng Cell Co., Ltd.', '420100'],
  ['MFR-002', '荆门绿源锂电股份有限公司', 'Jingmen Lvyuan Lithium Battery Co., Ltd.', '420800'],
  ['MFR-003', '东莞锂安电池科技有限公司', "Dongguan Li'an Battery Technology Co., Ltd.", '441900'],
  ['MFR-004', '武汉华新气雾剂有限公司', 'Wuhan Huaxin Aerosol Co., Ltd.', '420100'],
  ['MFR-005', '宜昌长江精细化工有限公司', 'Yichang Changjiang Fine Chemicals Co., Ltd.', '420500'],
  ['MFR-006', '黄石新能源电芯制造有限公司', 'Huangshi New Energy Cell Manufacturing Co., Ltd.', '420200'],
  ['MFR-007', '宁波甬锂能源有限公司', 'Ningbo Yongli Energy Co., Ltd.', '330200'],
] as const satisfies readonly PartyRow[]).map(manufacturer);

export function findShipper(id: string): Shipper | undefined {
  return SHIPPERS.find((s) => s.id === id);
}
