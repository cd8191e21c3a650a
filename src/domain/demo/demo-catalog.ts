import { Region, SizeBand, Tier } from '../../common/catalog-enums';
import { type CustomerAttributes } from '../catalog/customer.service';
import { type SegmentAttributes } from '../catalog/segment.service';
import { type ServiceAttributes } from '../catalog/service-catalog.service';

export interface DemoProvider {
  slug: string;
  name: string;
  timeZone: string;
  customers: CustomerAttributes[];
  services: ServiceAttributes[];
  /** Pins name customers; they are resolved to ids when seeding. */
  segments: (Omit<SegmentAttributes, 'includedCustomerIds' | 'excludedCustomerIds'> & { include?: string[]; exclude?: string[] })[];
  /** The customer whose people get the demo customer tokens. */
  sampleCustomer: string;
}

const c = (
  name: string,
  sizeBand: SizeBand,
  employeeCount: number,
  industry: string,
  region: Region,
  tier: Tier,
  country: string,
  timeZone: string,
  externalRef: string,
): CustomerAttributes => ({ name, sizeBand, employeeCount, industry, region, tier, country, timeZone, externalRef });

/** A small, realistic demo: two providers, a dozen customers in three segments, a handful of services. */
export const DEMO_PROVIDERS: DemoProvider[] = [
  {
    slug: 'northwind-cloud',
    name: 'Northwind Cloud',
    timeZone: 'Europe/Berlin',
    sampleCustomer: 'Hanseatic Bank AG',
    customers: [
      c('Hanseatic Bank AG', SizeBand.ENTERPRISE, 5200, 'Finance', Region.EUROPE, Tier.PLATINUM, 'DE', 'Europe/Berlin', 'CRM-1001'),
      c('Banque Lumière SA', SizeBand.ENTERPRISE, 3100, 'Finance', Region.EUROPE, Tier.GOLD, 'FR', 'Europe/Paris', 'CRM-1002'),
      c('Nordic Insurance ASA', SizeBand.LARGE, 870, 'Finance', Region.EUROPE, Tier.GOLD, 'NO', 'Europe/Oslo', 'CRM-1003'),
      c('Stadtwerke Mittelheim', SizeBand.LARGE, 640, 'Public Sector', Region.EUROPE, Tier.SILVER, 'DE', 'Europe/Berlin', 'CRM-1004'),
      c('Comune di Verona', SizeBand.LARGE, 2300, 'Public Sector', Region.EUROPE, Tier.SILVER, 'IT', 'Europe/Rome', 'CRM-1005'),
      c('Pixelhaus GmbH', SizeBand.SMALL, 35, 'Media', Region.EUROPE, Tier.STANDARD, 'DE', 'Europe/Berlin', 'CRM-1006'),
      c('Fjord Analytics AS', SizeBand.MEDIUM, 120, 'Information Technology', Region.EUROPE, Tier.STANDARD, 'NO', 'Europe/Oslo', 'CRM-1007'),
      c('Kathmandu Treks Pvt', SizeBand.SMALL, 22, 'Travel', Region.ASIA_PACIFIC, Tier.STANDARD, 'NP', 'Asia/Kathmandu', 'CRM-1008'),
    ],
    services: [
      { code: 'MPG', name: 'Managed PostgreSQL', description: 'Highly available PostgreSQL clusters, patched and backed up.', category: 'Data' },
      { code: 'K8S', name: 'Kubernetes Platform', description: 'Managed Kubernetes clusters with 24x7 operations.', category: 'Compute' },
      { code: 'OBJ', name: 'Object Storage', description: 'S3-compatible object storage in two EU regions.', category: 'Storage' },
      { code: 'HELPDESK', name: '24x7 Helpdesk', description: 'Round-the-clock service desk, phone and portal.', category: 'Support' },
    ],
    segments: [
      {
        name: 'Enterprise / EU / Finance',
        description: 'Large regulated financial institutions in Europe (DORA scope).',
        rules: [{ sizeBands: [SizeBand.LARGE, SizeBand.ENTERPRISE], regions: [Region.EUROPE], industries: ['Finance'] }],
      },
      {
        name: 'Public sector',
        description: 'Municipalities and utilities under public procurement rules.',
        rules: [{ industries: ['Public Sector'] }],
      },
      {
        name: 'Growth',
        description: 'Small and medium customers on standard terms.',
        rules: [{ sizeBands: [SizeBand.MICRO, SizeBand.SMALL, SizeBand.MEDIUM] }],
        include: ['Nordic Insurance ASA'],
        exclude: ['Kathmandu Treks Pvt'],
      },
    ],
  },
  {
    slug: 'helios-managed',
    name: 'Helios Managed Services',
    timeZone: 'America/New_York',
    sampleCustomer: 'Maple Health Network',
    customers: [
      c('Maple Health Network', SizeBand.ENTERPRISE, 12000, 'Health Care', Region.NORTH_AMERICA, Tier.PLATINUM, 'CA', 'America/St_Johns', 'HMS-01'),
      c('Lone Star Logistics', SizeBand.LARGE, 950, 'Industrials', Region.NORTH_AMERICA, Tier.GOLD, 'US', 'America/Chicago', 'HMS-02'),
      c('Andes Mining SA', SizeBand.LARGE, 780, 'Materials', Region.LATIN_AMERICA, Tier.SILVER, 'CL', 'America/Santiago', 'HMS-03'),
      c('Brightside Dental', SizeBand.SMALL, 40, 'Health Care', Region.NORTH_AMERICA, Tier.STANDARD, 'US', 'America/New_York', 'HMS-04'),
    ],
    services: [
      { code: 'NET', name: 'Managed Network', description: 'SD-WAN and firewalls, monitored around the clock.', category: 'Network' },
      { code: 'DESK', name: 'Service Desk', description: 'Business-hours service desk with after-hours on-call for P1.', category: 'Support' },
    ],
    segments: [],
  },
];
