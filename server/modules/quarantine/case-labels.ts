/** How measures and tests are named to people, in zh and en (refusals; the pages have their own messages). */
import type { BilingualLabels } from '../../../src/lib/domain/bilingual';

export const MEASURE_LABELS: BilingualLabels<string> = {
	health_monitoring: { zh: '健康监测', en: 'health monitoring' },
	home_quarantine: { zh: '居家隔离', en: 'home quarantine' },
	centralised_quarantine: { zh: '集中隔离', en: 'centralised quarantine' },
	test_and_hold: { zh: '检测待阴性', en: 'test and hold' },
	closed_loop_transfer: { zh: '闭环转运', en: 'closed-loop transfer' },
	home_monitoring: { zh: '居家健康监测', en: 'home monitoring' },
	centralised: { zh: '集中隔离', en: 'centralised quarantine' }
};

export const TEST_KIND_LABELS: BilingualLabels<string> = {
	arrival_24h: { zh: '返乡24小时内核酸', en: 'within-24-hours' },
	day_7: { zh: '第7天核酸', en: 'day-7' },
	day_14: { zh: '第14天核酸', en: 'day-14' },
	extra: { zh: '追加核酸', en: 'extra' }
};
