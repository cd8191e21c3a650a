/** Company size by headcount, after the EU's SME definition. */
export enum SizeBand {
  MICRO = 'MICRO',
  SMALL = 'SMALL',
  MEDIUM = 'MEDIUM',
  LARGE = 'LARGE',
  ENTERPRISE = 'ENTERPRISE',
}

export enum Region {
  NORTH_AMERICA = 'NORTH_AMERICA',
  LATIN_AMERICA = 'LATIN_AMERICA',
  EUROPE = 'EUROPE',
  MIDDLE_EAST_AFRICA = 'MIDDLE_EAST_AFRICA',
  ASIA_PACIFIC = 'ASIA_PACIFIC',
}

export enum Tier {
  STANDARD = 'STANDARD',
  SILVER = 'SILVER',
  GOLD = 'GOLD',
  PLATINUM = 'PLATINUM',
}
