/** How the staffing operations say no: a code clients branch on, and the reason in zh and en. */
import { serviceErrors } from '../service-error';

export const refuse = serviceErrors({
	site_not_found: { kind: 'not_found', text: () => ({ zh: '没有这个采样点', en: 'there is no such site' }) },
	same_site: { kind: 'invalid', text: () => ({ zh: '采样员已在该采样点', en: 'the samplers are already at that site' }) },
	site_not_open: { kind: 'unprocessable', text: ({ site }: { site: string }) => ({ zh: `${site}未开放`, en: `${site} is not open` }) },
	outside_township: { kind: 'forbidden', text: () => ({ zh: '班组长只能在本街道（乡镇）内调配人员', en: 'a shift leader moves staff only within their own township' }) },
	ppe_too_short: {
		kind: 'unprocessable',
		text: ({ minutes }: { minutes: number }) => ({ zh: `有采样员到达后防护服可用时间不足 ${minutes} 分钟`, en: `a sampler would arrive with less than ${minutes} min of PPE time left` })
	},
	moved_too_recently: {
		kind: 'unprocessable',
		text: ({ minutes }: { minutes: number }) => ({ zh: `有采样员到达本采样点不足 ${minutes} 分钟，暂不能再调`, en: `a sampler arrived here less than ${minutes} min ago and may not be moved again yet` })
	},
	donor_too_thin: {
		kind: 'unprocessable',
		text: ({ site, samplers }: { site: string; samplers: number }) => ({ zh: `${site}开放期间至少需留 ${samplers} 名采样员`, en: `${site} would keep fewer than ${samplers} samplers while open` })
	},
	staff_not_at_site: {
		kind: 'conflict',
		text: ({ count, site }: { count: number; site: string }) => ({
			zh: `${count} 名采样员已不在${site}（可能刚被他人调走或正在途中），看板已过时，未作任何更改`,
			en: `${count} of the samplers are no longer at ${site} (just moved by someone else, or on the way); the board was out of date, nothing was changed`
		})
	},
	move_not_found: { kind: 'not_found', text: () => ({ zh: '没有这次调配', en: 'there is no such move' }) },
	move_already_undone: { kind: 'conflict', text: () => ({ zh: '这次调配已被撤销', en: 'this move was already undone' }) },
	moved_again: { kind: 'conflict', text: () => ({ zh: '有采样员此后又被调走，请先撤销那次调配', en: 'a sampler has been moved again since; undo that move first' }) },
	not_this_site: { kind: 'forbidden', text: () => ({ zh: '只能确认前往本采样点的人员', en: 'a site confirms only staff coming to it' }) }
});
