/** The round's finish forecast (预计完成时间) on /sites: county, township and village. */
export const forecastZh = {
	'forecast.title': '预计完成时间',
	'forecast.area': '区域',
	'forecast.finish': '预计完成',
	'forecast.margin': '距目标',
	'forecast.why': '原因',
	'forecast.county': '全县',
	'forecast.never': '无法完成',
	'forecast.none': '暂无预测（花名册为空）'
} as const;

export const forecastEn: Record<keyof typeof forecastZh, string> = {
	'forecast.title': 'Finish forecast',
	'forecast.area': 'Area',
	'forecast.finish': 'Forecast finish',
	'forecast.margin': 'Against target',
	'forecast.why': 'Why',
	'forecast.county': 'County',
	'forecast.never': 'cannot finish',
	'forecast.none': 'No forecast yet (the roster is empty)'
};
