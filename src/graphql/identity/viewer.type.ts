import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { type Actor } from '../../common/actor';
import { Role } from '../core/enums';
import { globalId } from '../core/ids';

export enum ActorKind {
  USER = 'USER',
  API_KEY = 'API_KEY',
}
registerEnumType(ActorKind, {
  name: 'ActorKind',
  description: 'A person with an access token, or a partner integration with an API key.',
  valuesConfig: {
    USER: { description: 'A person, authenticated with an access token (JWT).' },
    API_KEY: { description: 'A partner integration, authenticated with an API key.' },
  },
});

@ObjectType('Viewer', { description: 'Who is calling.' })
export class Viewer {
  actor: Actor;
  @Field(() => ActorKind, { description: 'A person (USER) or an integration (API_KEY).' }) kind: ActorKind;
  @Field({ description: "The access token's subject, or the API key's global id." }) subject: string;
  @Field({ description: "The caller's name (the token's name claim, or the API key's name)." }) name: string;
  @Field(() => [Role], { description: 'What the caller may do.' }) roles: Role[];
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
