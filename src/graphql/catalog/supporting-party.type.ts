import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { type SupportingPartyEntity } from '../../db/entities/supporting-party.entity';
import { ConnectionType } from '../core/connection';
import { globalId } from '../core/ids';
import { Node } from '../core/node.interface';
import { DateTimeScalar } from '../core/scalars';

export enum SupportingPartyKindEnum {
  TEAM = 'TEAM',
  SUPPLIER = 'SUPPLIER',
}
registerEnumType(SupportingPartyKindEnum, {
  name: 'SupportingPartyKind',
  description: 'Who supports the provider in delivering its customer agreements.',
  valuesConfig: {
    TEAM: { description: 'An internal team, bound by an operational-level agreement (OLA).' },
    SUPPLIER: { description: 'An outside supplier, bound by an underpinning contract.' },
  },
});

@ObjectType('SupportingParty', {
  implements: Node,
  simpleResolvers: true,
  description: "An internal team or a supplier of the provider: the party of an OLA or an underpinning contract. Provider staff only: customer users never see it.",
})
export class SupportingParty extends Node {
  readonly __typename = 'SupportingParty';
  uuid: string;
  calendarUuid: string | null;
  @Field(() => SupportingPartyKindEnum, { description: 'TEAM (OLA) or SUPPLIER (underpinning contract).' }) kind: SupportingPartyKindEnum;
  @Field({ description: 'Unique per provider.' }) name: string;
  @Field(() => [String], { description: 'Whom an escalation level with notifySupportingParty reaches (e-mail addresses, on-call aliases).' }) contacts: string[];
  @Field({ description: 'Who created it.' }) createdBy: string;
  @Field(() => DateTimeScalar, { description: 'When it was created.' }) createdAt: Date;
}

export const SupportingPartyConnection = ConnectionType(SupportingParty, 'SupportingParty');

export function toSupportingParty(p: SupportingPartyEntity): SupportingParty {
  return Object.assign(new SupportingParty(), {
    id: globalId('SupportingParty', p.id),
    uuid: p.id,
    calendarUuid: p.calendarId,
    kind: p.kind as SupportingPartyKindEnum,
    name: p.name,
    contacts: p.contacts,
    createdBy: p.createdBy,
    createdAt: p.createdAt,
  });
}
