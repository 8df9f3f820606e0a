/**
 * The identity module (server/modules/identity) still refuses with English-only errors
 * (IdentityError, RevealError). Until it has a ServiceError catalog of its own, the routes give
 * the known ones their Chinese here, and any other a plain Chinese sentence beside the English.
 * A refusal about a user's scope names the field to fill (`townshipId`, `villageIds`) and its form
 * in both languages: "needs a township" alone does not say what to send.
 */
import type { RefusalText } from '../http/http-utils';

const TOWNSHIP_FORM = { zh: '街道写作 t:<街道>，例如 t:城门街道', en: 'a township is written t:<township>, e.g. "townshipId": "t:城门街道"' };
const VILLAGE_FORM = { zh: '村写作 v:<街道>/<村>，例如 v:城门街道/白畈村', en: 'a village is written v:<township>/<village>, e.g. "villageIds": ["v:城门街道/白畈村"]' };
/** What an admin script or page may add after the sentence: the closest existing ids. */
const closest = (english: string) => english.match(/; closest existing: (.+)$/)?.[1];
const withClosest = (english: string, text: RefusalText): RefusalText => {
	const ids = closest(english);
	return ids ? { zh: `${text.zh}；最接近的已有编号：${ids}`, en: text.en } : text;
};

type Known = (match: RegExpMatchArray, english: string) => string | RefusalText;

const KNOWN: [RegExp, Known][] = [
	[/^wrong username or password$/, () => '用户名或密码错误'],
	[/^username and password are required$/, () => '请填写用户名和密码'],
	[/^username (.+) is taken$/, (m) => `用户名 ${m[1]} 已被占用`],
	[/^username must be/, () => ({ zh: '用户名（username）须为 2–40 个字母、数字或 _ . -', en: 'username must be 2–40 letters, digits or _ . -' })],
	[/^password must be at least (\d+)/, (m) => ({ zh: `密码（password）至少 ${m[1]} 个字符`, en: `password must be at least ${m[1]} characters` })],
	[/^role must be one of (.+)$/, (m) => ({ zh: `角色（role）须为以下之一：${m[1]}`, en: `role must be one of ${m[1]}` })],
	[/^this setup link is unknown, used or expired/, () => '此设置链接无效、已用过或已过期：请重启服务器获取新链接，或运行 npm run admin:create'],
	[/^an admin exists already$/, () => '管理员已存在'],
	[/^no (\S+) among the people and households you may see$/, () => '在您有权查看的人员和住户中找不到此对象'],
	[/^say which field to reveal/, () => '请选择要查看的信息项'],
	[/^a household reveals only its address/, () => '住户只能查看住址；查看户主信息请按个人查询'],
	[/^a shift leader needs a township/, () => ({ zh: `采样组长须填写所管街道：townshipId 一项（${TOWNSHIP_FORM.zh}）`, en: `a shift leader needs a township: fill in the townshipId field (${TOWNSHIP_FORM.en})` })],
	[/^a quarantine officer needs at least one village/, () => ({ zh: `隔离专班须填写至少一个所管村：villageIds 一项（${VILLAGE_FORM.zh}）`, en: `a quarantine officer needs at least one village: fill in the villageIds field (${VILLAGE_FORM.en})` })],
	[/^a shift leader has a township, not villages/, () => ({ zh: '采样组长只管一个街道：填写 townshipId，villageIds 留空', en: 'a shift leader has one township: fill in townshipId and leave villageIds empty' })],
	[/^a quarantine officer has villages, not a township/, () => ({ zh: '隔离专班管的是村：填写 villageIds，townshipId 留空', en: 'a quarantine officer has villages: fill in villageIds and leave townshipId empty' })],
	// The English of these already names the form and the closest ids: the Chinese says the same.
	[/^a wall is bound to a township or to nothing \(the county\); no township "([^"]*)"/, (m, english) => withClosest(english, { zh: `大屏只能绑定一个街道（regionId 一项，不填表示全区）：没有街道“${m[1]}”，${TOWNSHIP_FORM.zh}`, en: english }).zh],
	[/^no township "([^"]*)"/, (m, english) => withClosest(english, { zh: `没有街道“${m[1]}”（townshipId 一项）：${TOWNSHIP_FORM.zh}`, en: english }).zh],
	[/^no village "([^"]*)"/, (m, english) => withClosest(english, { zh: `没有村“${m[1]}”（villageIds 一项）：${VILLAGE_FORM.zh}`, en: english }).zh],
	[/scope/i, () => '管辖范围填写有误，请按 t:<街道> 或 v:<街道>/<村> 填写']
];

export function identityText(english: string): RefusalText {
	for (const [pattern, known] of KNOWN) {
		const match = english.match(pattern);
		if (!match) continue;
		const text = known(match, english);
		return typeof text === 'string' ? { zh: text, en: english } : text;
	}
	return { zh: '输入未通过检查，未作任何更改', en: english };
}
