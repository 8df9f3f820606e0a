/**
 * The officer's card line for a standing fever or symptoms: 发热 only for a fever (assessFollowUp:
 * ≥ 37.3 °C or the fever symptom); otherwise 有症状（干咳）; both when both. A reading of 36.6 °C
 * with a dry cough is symptoms, not "发热 36.6 °C".
 */
import { assessFollowUp, SYMPTOM_LABELS, SYMPTOMS, type Symptom } from '$lib/domain/follow-up';
import type { Translate } from '$lib/i18n/messages';

export function feverLine(t: Translate, locale: string, standing: { temperatureC: number | null; symptoms: readonly string[]; time: string }): string {
	const symptoms = standing.symptoms.filter((name): name is Symptom => (SYMPTOMS as readonly string[]).includes(name));
	const fever = assessFollowUp({ temperatureC: standing.temperatureC, symptoms }).fever;
	const others = symptoms.filter((name) => name !== 'fever');
	const lang = locale === 'en' ? 'en' : 'zh';
	const named = others.map((name) => SYMPTOM_LABELS[name][lang]).join(lang === 'en' ? ', ' : '、');
	const hot = standing.temperatureC !== null && !assessFollowUp({ temperatureC: standing.temperatureC, symptoms: [] }).fever ? null : standing.temperatureC;
	const feverText = fever ? (hot !== null ? t('q.fever.fever', { temperature: hot.toFixed(1) }) : t('q.fever.feverNoReading')) : null;
	if (feverText && others.length > 0) return t('q.fever.line', { what: t('q.fever.both', { fever: feverText, symptoms: named }), time: standing.time });
	if (feverText) return t('q.fever.line', { what: feverText, time: standing.time });
	if (others.length > 0) return t('q.fever.line', { what: t('q.fever.symptoms', { symptoms: named }), time: standing.time });
	return t('q.fever.sinceNoReading', { time: standing.time });
}
