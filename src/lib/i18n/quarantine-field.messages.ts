/** The officer's phone (/field/quarantine): overriding a returnee's measure, and a positive test's transfer. */
export const quarantineFieldZh = {
	'q.override': '改变措施',
	'q.override.measure': '改为',
	'q.override.reason': '原因（必填，将记入审计）',
	'q.override.submit': '确认改变措施',
	'q.override.cancel': '取消',
	'q.override.done': '措施已改为：{measure}',
	'q.override.refused': '未改变措施',
	'q.positive': '核酸阳性',
	'q.positive.proposed': '已提议闭环转运至 {name}，等待调度派车',
	'q.positive.noDestination': '阳性已记录：已向指挥部报警；未找到开放的发热门诊，请立即电话报告指挥部',
	'q.positive.recorded': '阳性已记录：已向指挥部报警，并提议闭环转运至 {name}',
	'q.positive.noClinic': '无开放的发热门诊可转运，请立即电话报告指挥部'
} as const;

export const quarantineFieldEn: Record<keyof typeof quarantineFieldZh, string> = {
	'q.override': 'Change measure',
	'q.override.measure': 'Change to',
	'q.override.reason': 'Reason (required, audited)',
	'q.override.submit': 'Confirm the change',
	'q.override.cancel': 'Cancel',
	'q.override.done': 'Measure changed to: {measure}',
	'q.override.refused': 'Measure not changed',
	'q.positive': 'Positive test',
	'q.positive.proposed': 'Closed-loop transfer to {name} proposed, awaiting dispatch',
	'q.positive.noDestination': 'Positive recorded: the command centre is alerted; no open fever clinic was found, phone the command centre now',
	'q.positive.recorded': 'Positive recorded: the command centre is alerted and a closed-loop transfer to {name} is proposed',
	'q.positive.noClinic': 'No open fever clinic to transfer to: phone the command centre now'
};
