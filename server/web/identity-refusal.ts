/**
 * The identity module (server/modules/identity) still refuses with English-only errors
 * (IdentityError, RevealError). Until it has a ServiceError catalog of its own, the routes give
 * the known ones their Chinese here, and any other a plain Chinese sentence beside the English.
 */
import type { RefusalText } from '../http/http-utils';

const KNOWN: [RegExp, (match: RegExpMatchArray) => string][] = [
	[/^wrong username or password$/, () => '用户名或密码错误'],
	[/^username and password are required$/, () => '请填写用户名和密码'],
	[/^username (.+) is taken$/, (m) => `用户名 ${m[1]} 已被占用`],
	[/^this setup link is unknown, used or expired/, () => '此设置链接无效、已用过或已过期：请重启服务器获取新链接，或运行 npm run admin:create'],
	[/^an admin exists already$/, () => '管理员已存在'],
	[/^no (\S+) among the people and households you may see$/, () => '在您有权查看的人员和住户中找不到此对象'],
	[/^a person has no address field/, () => '个人没有住址一项，请查看其住户的住址'],
	[/^a household reveals only its address/, () => '住户只能查看住址；查看户主信息请按个人查询'],
	[/scope/i, () => '管辖范围填写有误，请按 t:<街道> 或 v:<街道>/<村> 填写']
];

export function identityText(english: string): RefusalText {
	for (const [pattern, zh] of KNOWN) {
		const match = english.match(pattern);
		if (match) return { zh: zh(match), en: english };
	}
	return { zh: '输入未通过检查，未作任何更改', en: english };
}
