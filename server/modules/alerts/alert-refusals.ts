/** How acknowledging an alert says no (service-error.ts): the router answers each in zh and en. */
import { serviceErrors } from '../service-error';

export const refuseAlert = serviceErrors({
	alert_not_found: { kind: 'not_found', text: () => ({ zh: '没有这条告警记录', en: 'no such alert record' }) },
	alert_closed: { kind: 'conflict', text: () => ({ zh: '该告警已解除（情况已恢复正常），无需确认，未作任何更改', en: 'this alert has closed (its condition cleared); nothing to acknowledge, nothing was changed' }) },
	alert_already_acknowledged: {
		kind: 'conflict',
		text: ({ who, time }: { who: string; time: string }) => ({ zh: `该告警已由${who}于 ${time} 确认，未作任何更改`, en: `this alert was already acknowledged by ${who} at ${time}; nothing was changed` })
	},
	alert_not_yours: {
		kind: 'forbidden',
		text: () => ({ zh: '此告警不在您的职责范围内（按角色和辖区），不能确认', en: 'this alert is outside your role or area; you may not acknowledge it' })
	},
	// The code the pages read as "your role may not open this page" (RoleMayNotOpen).
	role_not_allowed: {
		kind: 'forbidden',
		text: () => ({ zh: '您的角色不能查看告警记录', en: 'your role may not view the alert history' })
	}
});
