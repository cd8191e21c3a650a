import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import * as parties from '../../domain/catalog/supporting-party.service';
import { AgreementLoaders } from '../agreements/agreement.loaders';
import { BusinessCalendar, toCalendar } from '../agreements/calendar.type';
import { toConnection } from '../core/connection';
import { type GraphQLContext } from '../core/graphql-context';
import { uuidOf } from '../core/ids';
import { registerNode } from '../core/node-registry';
import { PayloadMutation } from '../core/payload';
import { CatalogLoaders } from './catalog.loaders';
import { SupportingPartyCreatePayload } from './catalog.payloads';
import { SupportingPartiesArgs, SupportingPartyCreateInput } from './supporting-party.inputs';
import { SupportingParty, SupportingPartyConnection, toSupportingParty } from './supporting-party.type';

registerNode('SupportingParty', async (rc, uuid) => {
  const row = await CatalogLoaders.supportingParty(rc).load(uuid);
  return row && toSupportingParty(row);
});

@Resolver(() => SupportingParty)
export class SupportingPartyResolver {
  @Query(() => SupportingPartyConnection, { description: "Your provider's internal teams and suppliers, by name (provider staff and integrations)." })
  async supportingParties(@Args() args: SupportingPartiesArgs, @Ctx() { rc }: GraphQLContext) {
    return toConnection(SupportingPartyConnection, await parties.list(rc, { kinds: args.filter?.kinds ?? null }, args), toSupportingParty);
  }

  @FieldResolver(() => BusinessCalendar, { nullable: true, description: "Its working hours: its clocks count them when its objectives name no calendar; null: 24x7." })
  async calendar(@Root() p: SupportingParty, @Ctx() { rc }: GraphQLContext) {
    const row = p.calendarUuid ? await AgreementLoaders.calendar(rc).load(p.calendarUuid) : null;
    return row && toCalendar(row);
  }

  @PayloadMutation(() => SupportingPartyCreatePayload, 'Adds an internal team or a supplier (provider admins and account managers); its OLAs or underpinning contracts are agreements with it.')
  async supportingPartyCreate(@Arg('input', { description: 'The kind, name, working hours and contacts of the new team or supplier.' }) input: SupportingPartyCreateInput, @Ctx() { rc }: GraphQLContext) {
    const created = await parties.create(rc, {
      kind: input.kind,
      name: input.name,
      contacts: input.contacts ?? [],
      calendarId: input.calendar ? uuidOf(input.calendar, 'BusinessCalendar', ['calendar']) : null,
    });
    return { supportingParty: toSupportingParty(created), userErrors: [] };
  }
}
