import type { Station } from '@cargo/contracts';

/**
 * Forward cargo stations (DOMAIN.md, "Places"; work plan §二(一)2 "织密前置货站网络体系"): the Optics
 * Valley station, its replicas in the two Wuhan bonded zones, stations co-built in the eight
 * metropolitan-area cities, and remote stations in the source regions of Jiangsu, Zhejiang,
 * Guangdong and Fujian.
 *
 * `truckMinutes` are plausible scheduled driving times (expressway, a truck's speed, terminal
 * approach) from the station to each hub's cargo terminal: Tianhe (WUH) lies north-west of central
 * Wuhan, Huahu (EHU) about 70 km east in Ezhou. Remote stations are 8–12 hours away.
 * Station codes never reuse an airport code from the seeds (a scan's `place` may be either).
 */
export const STATIONS: readonly Station[] = [
  {
    code: 'OVS',
    nameZh: '光谷航空超级物流中心(光谷货站)',
    nameEn: 'Optics Valley Air Super Logistics Centre (Optics Valley station)',
    kind: 'FORWARD_HUB',
    province: 'Hubei',
    city: 'Wuhan',
    metroArea: true,
    clearsCustoms: true,
    truckMinutes: { WUH: 45, EHU: 60 },
    location: { lat: 30.478, lon: 114.418 },
  },
  {
    code: 'NPB',
    nameZh: '武汉新港空港综合保税区货站',
    nameEn: 'Wuhan New Port Airport Comprehensive Bonded Zone station',
    kind: 'BONDED_ZONE',
    province: 'Hubei',
    city: 'Wuhan',
    metroArea: true,
    clearsCustoms: true,
    truckMinutes: { WUH: 25, EHU: 95 },
    location: { lat: 30.705, lon: 114.166 },
  },
  {
    code: 'EDB',
    nameZh: '武汉经开综合保税区货站',
    nameEn: 'Wuhan Economic & Technological Development Zone Comprehensive Bonded Zone station',
    kind: 'BONDED_ZONE',
    province: 'Hubei',
    city: 'Wuhan',
    metroArea: true,
    clearsCustoms: true,
    truckMinutes: { WUH: 55, EHU: 100 },
    location: { lat: 30.497, lon: 114.153 },
  },
  metro('EZS', '鄂州前置货站', 'Ezhou forward station', 'Ezhou', { WUH: 95, EHU: 20 }, 30.391, 114.895),
  metro('HSS', '黄石前置货站', 'Huangshi forward station', 'Huangshi', { WUH: 115, EHU: 45 }, 30.2, 115.039),
  metro('HGS', '黄冈前置货站', 'Huanggang forward station', 'Huanggang', { WUH: 100, EHU: 30 }, 30.447, 114.872),
  metro('XGS', '孝感前置货站', 'Xiaogan forward station', 'Xiaogan', { WUH: 45, EHU: 130 }, 30.925, 113.917),
  metro('XNS', '咸宁前置货站', 'Xianning forward station', 'Xianning', { WUH: 105, EHU: 100 }, 29.841, 114.322),
  metro('XTS', '仙桃前置货站', 'Xiantao forward station', 'Xiantao', { WUH: 100, EHU: 150 }, 30.364, 113.454),
  metro('TMS', '天门前置货站', 'Tianmen forward station', 'Tianmen', { WUH: 105, EHU: 165 }, 30.663, 113.166),
  metro('QJS', '潜江前置货站', 'Qianjiang forward station', 'Qianjiang', { WUH: 135, EHU: 185 }, 30.402, 112.9),
  remote('SUS', '苏州异地货站', 'Suzhou remote station', 'Jiangsu', 'Suzhou', { WUH: 620, EHU: 585 }, 31.299, 120.585),
  remote('KSS', '昆山异地货站', 'Kunshan remote station', 'Jiangsu', 'Kunshan', { WUH: 640, EHU: 605 }, 31.385, 120.98),
  remote('YWS', '义乌异地货站', 'Yiwu remote station', 'Zhejiang', 'Yiwu', { WUH: 545, EHU: 505 }, 29.306, 120.075),
  remote('NBS', '宁波异地货站', 'Ningbo remote station', 'Zhejiang', 'Ningbo', { WUH: 680, EHU: 645 }, 29.868, 121.544),
  remote('DGS', '东莞异地货站', 'Dongguan remote station', 'Guangdong', 'Dongguan', { WUH: 660, EHU: 690 }, 23.021, 113.752),
  remote('FSS', '佛山异地货站', 'Foshan remote station', 'Guangdong', 'Foshan', { WUH: 650, EHU: 690 }, 23.022, 113.122),
  remote('XMS', '厦门异地货站', 'Xiamen remote station', 'Fujian', 'Xiamen', { WUH: 690, EHU: 650 }, 24.48, 118.089),
  remote('QZS', '泉州异地货站', 'Quanzhou remote station', 'Fujian', 'Quanzhou', { WUH: 670, EHU: 630 }, 24.874, 118.676),
];

/** The station with `code`, or undefined. */
export function findStation(code: string): Station | undefined {
  return STATIONS.find((s) => s.code === code);
}

function metro(code: string, nameZh: string, nameEn: string, city: string, truckMinutes: Station['truckMinutes'], lat: number, lon: number): Station {
  return { code, nameZh, nameEn, kind: 'METRO_CITY', province: 'Hubei', city, metroArea: true, clearsCustoms: false, truckMinutes, location: { lat, lon } };
}

function remote(
  code: string,
  nameZh: string,
  nameEn: string,
  province: string,
  city: string,
  truckMinutes: Station['truckMinutes'],
  lat: number,
  lon: number,
): Station {
  return { code, nameZh, nameEn, kind: 'REMOTE', province, city, metroArea: false, clearsCustoms: false, truckMinutes, location: { lat, lon } };
}
