/**
 * Who did something, as a person reads it: a user's name without the "user:" prefix, a device or
 * the system in words; never the raw actor id ("user:leader", "device:tablet-site-baihe").
 */
import type { Translate } from './messages';

export function actorLabel(actor: string, t: Translate): string {
	if (actor.startsWith('user:')) return actor.slice('user:'.length);
	if (actor.startsWith('device:')) return t('actor.device');
	return t('actor.system');
}
