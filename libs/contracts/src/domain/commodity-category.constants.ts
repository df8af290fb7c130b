/**
 * Commodity categories the work plan singles out (DOMAIN.md, "Cargo the plan singles out"), plus
 * lithium batteries, express mail and a catch-all. Customs rules key on them (e.g. CHILLED_AQUATIC
 * gets two-stage access; PERISHABLES, PHARMA, EXPRESS_MAIL the fast lane; ECOMMERCE_PARCELS flow-along
 * supervision).
 */
export const CommodityCategory = {
  CONSUMER_ELECTRONICS: 'CONSUMER_ELECTRONICS',
  OPTOELECTRONICS: 'OPTOELECTRONICS',
  SMART_TERMINALS: 'SMART_TERMINALS',
  AUTO_PARTS: 'AUTO_PARTS',
  MEDICAL_DEVICES: 'MEDICAL_DEVICES',
  BIOMEDICINE: 'BIOMEDICINE',
  PHARMA: 'PHARMA',
  PERISHABLES: 'PERISHABLES',
  CHILLED_AQUATIC: 'CHILLED_AQUATIC',
  ECOMMERCE_PARCELS: 'ECOMMERCE_PARCELS',
  JEWELLERY: 'JEWELLERY',
  APPAREL: 'APPAREL',
  LITHIUM_BATTERIES: 'LITHIUM_BATTERIES',
  EXPRESS_MAIL: 'EXPRESS_MAIL',
  GENERAL: 'GENERAL',
} as const;
export type CommodityCategory = (typeof CommodityCategory)[keyof typeof CommodityCategory];
export const COMMODITY_CATEGORIES: readonly CommodityCategory[] = Object.values(CommodityCategory);

/** Time-critical and cold-chain categories (DOMAIN.md: customs optimises their supervision). */
export const TIME_CRITICAL_CATEGORIES: readonly CommodityCategory[] = ['PERISHABLES', 'CHILLED_AQUATIC', 'PHARMA', 'BIOMEDICINE', 'EXPRESS_MAIL'];

/** HS code as declared: 6 to 10 digits, no dots (the first 6 are the international HS subheading). */
export const HS_CODE_PATTERN = /^\d{6,10}$/;
