import { airportKindOf, type Airport, type AirportRegion } from '@cargo/contracts';

type Row = [code: string, nameZh: string, nameEn: string, city: string, country: string, region: AirportRegion, timeZone: string, utcOffsetMinutes: number];

/**
 * Airports of the network (DOMAIN.md, "Places" and "Routes"): the two Wuhan hubs, the transfer hubs
 * of the express lines, domestic cities (1-day promise), neighbouring Asian economies (2 days) and
 * the world's main cargo hubs (3 days), including the plan's overseas nodes in Germany and Belgium
 * (FRA, LGG). Hong Kong is a separate customs territory and counts as ASIA.
 *
 * `utcOffsetMinutes` is standard time; use `timeZone` for local times across daylight saving.
 */
const ROWS: readonly Row[] = [
  // Home hubs
  ['WUH', '武汉天河国际机场', 'Wuhan Tianhe International Airport', 'Wuhan', 'CN', 'DOMESTIC', 'Asia/Shanghai', 480],
  ['EHU', '鄂州花湖国际机场', 'Ezhou Huahu International Airport', 'Ezhou', 'CN', 'DOMESTIC', 'Asia/Shanghai', 480],
  // Transfer hubs (汉沪快线, 汉港快线, air-to-air transfer)
  ['PVG', '上海浦东国际机场', 'Shanghai Pudong International Airport', 'Shanghai', 'CN', 'DOMESTIC', 'Asia/Shanghai', 480],
  ['HKG', '香港国际机场', 'Hong Kong International Airport', 'Hong Kong', 'HK', 'ASIA', 'Asia/Hong_Kong', 480],
  // Domestic
  ['PEK', '北京首都国际机场', 'Beijing Capital International Airport', 'Beijing', 'CN', 'DOMESTIC', 'Asia/Shanghai', 480],
  ['CAN', '广州白云国际机场', 'Guangzhou Baiyun International Airport', 'Guangzhou', 'CN', 'DOMESTIC', 'Asia/Shanghai', 480],
  ['SZX', '深圳宝安国际机场', "Shenzhen Bao'an International Airport", 'Shenzhen', 'CN', 'DOMESTIC', 'Asia/Shanghai', 480],
  ['CTU', '成都双流国际机场', 'Chengdu Shuangliu International Airport', 'Chengdu', 'CN', 'DOMESTIC', 'Asia/Shanghai', 480],
  ['XIY', '西安咸阳国际机场', "Xi'an Xianyang International Airport", "Xi'an", 'CN', 'DOMESTIC', 'Asia/Shanghai', 480],
  ['KMG', '昆明长水国际机场', 'Kunming Changshui International Airport', 'Kunming', 'CN', 'DOMESTIC', 'Asia/Shanghai', 480],
  ['CKG', '重庆江北国际机场', 'Chongqing Jiangbei International Airport', 'Chongqing', 'CN', 'DOMESTIC', 'Asia/Shanghai', 480],
  ['URC', '乌鲁木齐地窝堡国际机场', 'Urumqi Diwopu International Airport', 'Urumqi', 'CN', 'DOMESTIC', 'Asia/Shanghai', 480],
  ['HRB', '哈尔滨太平国际机场', 'Harbin Taiping International Airport', 'Harbin', 'CN', 'DOMESTIC', 'Asia/Shanghai', 480],
  ['HAK', '海口美兰国际机场', 'Haikou Meilan International Airport', 'Haikou', 'CN', 'DOMESTIC', 'Asia/Shanghai', 480],
  // Asia
  ['ICN', '首尔仁川国际机场', 'Seoul Incheon International Airport', 'Seoul', 'KR', 'ASIA', 'Asia/Seoul', 540],
  ['NRT', '东京成田国际机场', 'Tokyo Narita International Airport', 'Tokyo', 'JP', 'ASIA', 'Asia/Tokyo', 540],
  ['KIX', '大阪关西国际机场', 'Osaka Kansai International Airport', 'Osaka', 'JP', 'ASIA', 'Asia/Tokyo', 540],
  ['SIN', '新加坡樟宜机场', 'Singapore Changi Airport', 'Singapore', 'SG', 'ASIA', 'Asia/Singapore', 480],
  ['BKK', '曼谷素万那普机场', 'Bangkok Suvarnabhumi Airport', 'Bangkok', 'TH', 'ASIA', 'Asia/Bangkok', 420],
  ['SGN', '胡志明市新山一国际机场', 'Ho Chi Minh City Tan Son Nhat International Airport', 'Ho Chi Minh City', 'VN', 'ASIA', 'Asia/Ho_Chi_Minh', 420],
  ['HAN', '河内内排国际机场', 'Hanoi Noi Bai International Airport', 'Hanoi', 'VN', 'ASIA', 'Asia/Bangkok', 420],
  ['KUL', '吉隆坡国际机场', 'Kuala Lumpur International Airport', 'Kuala Lumpur', 'MY', 'ASIA', 'Asia/Kuala_Lumpur', 480],
  ['MNL', '马尼拉尼诺伊·阿基诺国际机场', 'Manila Ninoy Aquino International Airport', 'Manila', 'PH', 'ASIA', 'Asia/Manila', 480],
  ['CGK', '雅加达苏加诺-哈达国际机场', 'Jakarta Soekarno-Hatta International Airport', 'Jakarta', 'ID', 'ASIA', 'Asia/Jakarta', 420],
  ['DEL', '德里英迪拉·甘地国际机场', 'Delhi Indira Gandhi International Airport', 'Delhi', 'IN', 'ASIA', 'Asia/Kolkata', 330],
  ['DAC', '达卡沙阿贾拉勒国际机场', 'Dhaka Hazrat Shahjalal International Airport', 'Dhaka', 'BD', 'ASIA', 'Asia/Dhaka', 360],
  ['TAS', '塔什干国际机场', 'Tashkent International Airport', 'Tashkent', 'UZ', 'ASIA', 'Asia/Tashkent', 300],
  // Global cargo hubs
  ['FRA', '法兰克福机场', 'Frankfurt Airport', 'Frankfurt', 'DE', 'GLOBAL', 'Europe/Berlin', 60],
  ['LGG', '列日机场', 'Liège Airport', 'Liège', 'BE', 'GLOBAL', 'Europe/Brussels', 60],
  ['AMS', '阿姆斯特丹史基浦机场', 'Amsterdam Schiphol Airport', 'Amsterdam', 'NL', 'GLOBAL', 'Europe/Amsterdam', 60],
  ['CDG', '巴黎戴高乐机场', 'Paris Charles de Gaulle Airport', 'Paris', 'FR', 'GLOBAL', 'Europe/Paris', 60],
  ['LHR', '伦敦希思罗机场', 'London Heathrow Airport', 'London', 'GB', 'GLOBAL', 'Europe/London', 0],
  ['BUD', '布达佩斯李斯特·费伦茨国际机场', 'Budapest Ferenc Liszt International Airport', 'Budapest', 'HU', 'GLOBAL', 'Europe/Budapest', 60],
  ['DXB', '迪拜国际机场', 'Dubai International Airport', 'Dubai', 'AE', 'GLOBAL', 'Asia/Dubai', 240],
  ['LAX', '洛杉矶国际机场', 'Los Angeles International Airport', 'Los Angeles', 'US', 'GLOBAL', 'America/Los_Angeles', -480],
  ['ORD', '芝加哥奥黑尔国际机场', "Chicago O'Hare International Airport", 'Chicago', 'US', 'GLOBAL', 'America/Chicago', -360],
  ['JFK', '纽约肯尼迪国际机场', 'New York John F. Kennedy International Airport', 'New York', 'US', 'GLOBAL', 'America/New_York', -300],
  ['ANC', '安克雷奇泰德·史蒂文斯国际机场', 'Anchorage Ted Stevens International Airport', 'Anchorage', 'US', 'GLOBAL', 'America/Anchorage', -540],
  ['SYD', '悉尼金斯福德·史密斯机场', 'Sydney Kingsford Smith Airport', 'Sydney', 'AU', 'GLOBAL', 'Australia/Sydney', 600],
  ['GRU', '圣保罗瓜鲁柳斯国际机场', 'São Paulo Guarulhos International Airport', 'São Paulo', 'BR', 'GLOBAL', 'America/Sao_Paulo', -180],
];

/** Minimum connection time for air-to-air transfer at the partner hubs, minutes. */
const MIN_CONNECTION_MINUTES: Readonly<Record<string, number>> = { PVG: 180, HKG: 150 };

export const AIRPORTS: readonly Airport[] = ROWS.map(([code, nameZh, nameEn, city, country, region, timeZone, utcOffsetMinutes]) => {
  const kind = airportKindOf(code);
  const airport: Airport = { code, nameZh, nameEn, city, country, region, kind, transferHub: kind === 'TRANSFER_HUB', timeZone, utcOffsetMinutes };
  const mct = MIN_CONNECTION_MINUTES[code];
  if (mct !== undefined) airport.minConnectionMinutes = mct;
  return airport;
});

/** The airport with `code`, or undefined. */
export function findAirport(code: string): Airport | undefined {
  return AIRPORTS.find((a) => a.code === code);
}
