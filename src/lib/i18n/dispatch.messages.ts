/** The dispatcher's page (/dispatch). */
export const dispatchZh = {
	'dispatch.title': '样本转运调度',
	'dispatch.boxes': '待送检样本箱（按剩余时间）',
	'dispatch.site': '采样点',
	'dispatch.sealed': '封箱时间',
	'dispatch.left': '剩余',
	'dispatch.tubes': '管数',
	'dispatch.eta': '预计送达',
	'dispatch.risk': '状态',
	'dispatch.risk.ok': '正常',
	'dispatch.risk.near_deadline': '临近4小时时限',
	'dispatch.risk.predicted_late': '预计超时',
	'dispatch.risk.late': '已超时',
	'dispatch.plan': '收样建议',
	'dispatch.run': '{courier}：{sites} → {lab}，{tubes} 管，{eta} 到达',
	'dispatch.unplanned': '无法按时安排：',
	'dispatch.noBoxes': '暂无待送检样本箱',
	'dispatch.vehicles': '车辆',
	'dispatch.fixAge': '定位',
	'dispatch.silent': '定位中断',
	'dispatch.labs': '实验室',
	'dispatch.backlog': '积压',
	'dispatch.spare': '今日余量',
	'dispatch.secondsAgo': '秒前'
} as const;

export type DispatchMessageKey = keyof typeof dispatchZh;

export const dispatchEn: Record<DispatchMessageKey, string> = {
	'dispatch.title': 'Sample transport dispatch',
	'dispatch.boxes': 'Boxes waiting for a lab (least time left first)',
	'dispatch.site': 'Site',
	'dispatch.sealed': 'Sealed',
	'dispatch.left': 'Left',
	'dispatch.tubes': 'Tubes',
	'dispatch.eta': 'Lab ETA',
	'dispatch.risk': 'State',
	'dispatch.risk.ok': 'On time',
	'dispatch.risk.near_deadline': 'Near the 4 h limit',
	'dispatch.risk.predicted_late': 'Predicted late',
	'dispatch.risk.late': 'Late',
	'dispatch.plan': 'Suggested pickups',
	'dispatch.run': '{courier}: {sites} → {lab}, {tubes} tubes, arriving {eta}',
	'dispatch.unplanned': 'Cannot be planned in time:',
	'dispatch.noBoxes': 'No box is waiting',
	'dispatch.vehicles': 'Vehicles',
	'dispatch.fixAge': 'Last fix',
	'dispatch.silent': 'GPS silent',
	'dispatch.labs': 'Labs',
	'dispatch.backlog': 'Backlog',
	'dispatch.spare': 'Spare today',
	'dispatch.secondsAgo': 's ago'
};
