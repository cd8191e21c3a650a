import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { type Actor } from '../../common/actor';
import { Role } from '../core/enums';
import { globalId } from '../core/ids';

export enum ActorKind {
  USER = 'USER',
  API_KEY = 'API_KEY',
}
registerEnumType(ActorKind, { name: 'ActorKind', description: 'A person with an access token, or a partner integration with an API key.' });

@ObjectType('Viewer', { description: 'Who is calling.' })
export class Viewer {
  actor: Actor;
  @Field(() => ActorKind) kind: ActorKind;
  @Field({ description: "The access token's subject, or the API key's global id." }) subject: string;
  @Field() name: string;
  @Field(() => [Role]) roles: Role[];
}

export function toViewer(actor: Actor): Viewer {
  return Object.assign(new Viewer(), {
    actor,
    kind: actor.kind as ActorKind,
    subject: actor.kind === 'API_KEY' ? globalId('ApiKey', actor.id) : actor.id,
    name: actor.name,
    roles: actor.roles,
  });
}
