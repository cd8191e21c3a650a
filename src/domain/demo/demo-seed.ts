import { type Actor } from '../../common/actor';
import { Role } from '../../common/roles';
import { RequestContext } from '../../context/request-context';
import { withTransaction } from '../../context/transaction';
import * as customers from '../catalog/customer.service';
import * as providers from '../catalog/provider.service';
import * as segments from '../catalog/segment.service';
import * as services from '../catalog/service-catalog.service';
import { seedDemoAgreements } from './demo-agreements';
import { DEMO_PROVIDERS } from './demo-catalog';

export interface DemoDirectoryEntry {
  providerId: string;
  slug: string;
  name: string;
  sampleCustomerId: string | null;
}

const seedActor = (providerId: string): Actor => ({
  kind: 'USER',
  id: 'demo-seed',
  name: 'Demo seed',
  providerId,
  roles: [Role.PROVIDER_ADMIN],
  customerId: null,
});

/**
 * Fills an empty database with the demo, in one transaction. A database that already holds a
 * provider is left alone, so seeding twice changes nothing. Returns whether it seeded.
 */
export async function seedDemo(ctx: RequestContext): Promise<boolean> {
  return withTransaction(ctx, async (tx) => {
    // Serialises concurrent starts on one database: the second waits, then sees providers.
    await tx.em.query('SELECT pg_advisory_xact_lock(7243001)');
    if ((await providers.countAll(tx)) > 0) return false;
    for (const demo of DEMO_PROVIDERS) {
      const provider = await providers.createProvider(tx, { slug: demo.slug, name: demo.name, timeZone: demo.timeZone });
      const as = tx.actingAs(seedActor(provider.id));
      const idByName = new Map<string, string>();
      const serviceIds = new Map<string, string>();
      const segmentIds = new Map<string, string>();
      for (const attrs of demo.customers) idByName.set(attrs.name, (await customers.create(as, attrs)).id);
      for (const attrs of demo.services) serviceIds.set(attrs.code, (await services.create(as, attrs)).id);
      for (const { include, exclude, ...attrs } of demo.segments) {
        const segment = await segments.create(as, {
          ...attrs,
          includedCustomerIds: (include ?? []).map((n) => idByName.get(n) as string),
          excludedCustomerIds: (exclude ?? []).map((n) => idByName.get(n) as string),
        });
        segmentIds.set(segment.name, segment.id);
      }
      if (demo.slug === 'northwind-cloud') {
        await seedDemoAgreements(as, { providerId: provider.id, customers: idByName, services: serviceIds, segments: segmentIds });
      }
    }
    return true;
  });
}

/** The demo providers present in the database, for printing tokens at start. */
export async function demoDirectory(ctx: RequestContext): Promise<DemoDirectoryEntry[]> {
  const out: DemoDirectoryEntry[] = [];
  for (const demo of DEMO_PROVIDERS) {
    const provider = await providers.findBySlug(ctx, demo.slug);
    if (!provider) continue;
    const rows: { id: string }[] = await ctx.em.query('SELECT id FROM customer WHERE provider_id = $1 AND name = $2', [provider.id, demo.sampleCustomer]);
    out.push({ providerId: provider.id, slug: provider.slug, name: provider.name, sampleCustomerId: rows[0]?.id ?? null });
  }
  return out;
}
