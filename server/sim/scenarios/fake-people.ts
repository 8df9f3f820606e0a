/**
 * Synthetic personal data for scenarios: plausible Chinese names, ID numbers with valid check
 * characters, and phone numbers. Deterministic from the random source; none is a real person.
 */
import { idNumberCheckCharacter } from '../../../src/lib/domain/id-number';

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志红春梅海燕玉兰文斌波宇浩鑫鹏辉凤琴荣亮林飞丹玲晶婷佳雪慧';

export function fakeName(random: () => number): string {
	const pick = (from: string) => from[Math.floor(random() * from.length)];
	return pick(SURNAMES) + pick(GIVEN) + (random() < 0.6 ? pick(GIVEN) : '');
}

/** An ID number of the given region code (e.g. 360404, Chaisang District) with a valid check character. */
export function fakeIdNumber(random: () => number, regionCode: string, sequence: number): string {
	// Adults only: every synthetic person here is a household head or a member of staff.
	const year = 1945 + Math.floor(random() * 56);
	const month = 1 + Math.floor(random() * 12);
	const day = 1 + Math.floor(random() * 28);
	const first17 = `${regionCode}${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}${String(sequence % 1000).padStart(3, '0')}`;
	return first17 + idNumberCheckCharacter(first17);
}

export function fakePhone(random: () => number): string {
	const prefixes = ['130', '133', '135', '137', '138', '139', '150', '151', '158', '177', '186', '189'];
	return prefixes[Math.floor(random() * prefixes.length)] + String(Math.floor(random() * 1e8)).padStart(8, '0');
}
