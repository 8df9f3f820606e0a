/**
 * A MapLibre custom layer that draws a large fleet (FleetBuffers) as one WebGL draw of points:
 * each point an arrow turned to its heading with a dark halo, or a hollow ring for a vehicle shown
 * at village level, coloured as the GeoJSON vehicle layers colour them. An update is one
 * bufferData of the packed arrays, with no worker, no tiles and no symbol placement.
 * The map's bearing turns the arrows with the map (as icon-rotation-alignment "map" does).
 */
import type { CustomLayerInterface, CustomRenderMethodInput, Map as MapLibreMap } from 'maplibre-gl';
import { FLOATS_PER_VEHICLE, type FleetBuffers } from './fleet-buffers';
import { VEHICLE_COLOURS } from './layers/vehicles.layer';

/** An arrow's side in CSS pixels (the GeoJSON layer's icon is 28); a ring's (radius 16 and its stroke). */
const ARROW_PX = 28;
const RING_PX = 38;

const VERTEX = `
attribute vec2 a_pos;
attribute float a_heading;
attribute float a_look;
uniform mat4 u_matrix;
uniform float u_arrow;
uniform float u_ring;
uniform float u_bearing;
varying float v_heading;
varying float v_look;
void main() {
	gl_Position = u_matrix * vec4(a_pos, 0.0, 1.0);
	gl_PointSize = a_look >= 4.0 ? u_ring : u_arrow;
	v_heading = a_heading - u_bearing;
	v_look = a_look;
}`;

const FRAGMENT = `
precision mediump float;
uniform vec3 u_colours[3];
varying float v_heading;
varying float v_look;
// Signed distance-like value to a triangle's inside (negative inside), edges taken counter-clockwise.
float edge(vec2 p, vec2 a, vec2 b) {
	vec2 d = b - a;
	return (d.x * (p.y - a.y) - d.y * (p.x - a.x)) / -length(d);
}
float triangle(vec2 p, vec2 a, vec2 b, vec2 c) {
	return max(max(edge(p, a, b), edge(p, b, c)), edge(p, c, a));
}
void main() {
	bool ring = v_look >= 4.0;
	float look = ring ? v_look - 4.0 : v_look;
	vec3 colour = look < 0.5 ? u_colours[0] : look < 1.5 ? u_colours[1] : u_colours[2];
	vec2 p = gl_PointCoord * 2.0 - 1.0;
	p.y = -p.y;
	if (ring) {
		float away = abs(length(p) - 0.82);
		float alpha = 0.85 * (1.0 - smoothstep(0.07, 0.11, away));
		if (alpha <= 0.0) discard;
		gl_FragColor = vec4(colour * alpha, alpha);
		return;
	}
	float c = cos(v_heading);
	float s = sin(v_heading);
	vec2 q = vec2(c * p.x - s * p.y, s * p.x + c * p.y);
	// The arrow: a tip, two back corners and a notch between them, as two triangles.
	vec2 tip = vec2(0.0, 0.82);
	vec2 notch = vec2(0.0, -0.38);
	float d = min(triangle(q, tip, vec2(-0.62, -0.72), notch), triangle(q, tip, notch, vec2(0.62, -0.72)));
	float body = 1.0 - smoothstep(-0.04, 0.02, d);
	float halo = 1.0 - smoothstep(0.1, 0.16, d);
	if (halo <= 0.0) discard;
	vec3 dark = vec3(0.039, 0.086, 0.133);
	vec3 rgb = mix(dark, colour, body);
	gl_FragColor = vec4(rgb * halo, halo);
}`;

const rgb = (hex: string) => [1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16) / 255);

export class FleetPointsLayer implements CustomLayerInterface {
	readonly id: string;
	readonly type = 'custom' as const;
	readonly renderingMode = '2d' as const;
	#fleet: FleetBuffers;
	#map: MapLibreMap | null = null;
	#gl: WebGLRenderingContext | WebGL2RenderingContext | null = null;
	#program: WebGLProgram | null = null;
	#buffer: WebGLBuffer | null = null;
	#dirty = true;

	constructor(id: string, fleet: FleetBuffers) {
		this.id = id;
		this.#fleet = fleet;
	}

	/** The fleet's arrays changed: sent to the GPU before the next frame, which is asked for now. */
	changed(): void {
		this.#dirty = true;
		this.#map?.triggerRepaint();
	}

	onAdd(map: MapLibreMap, gl: WebGLRenderingContext | WebGL2RenderingContext): void {
		this.#map = map;
		this.#gl = gl;
		const compile = (type: number, source: string) => {
			const shader = gl.createShader(type)!;
			gl.shaderSource(shader, source);
			gl.compileShader(shader);
			if (!gl.getShaderParameter(shader, gl.COMPILE_STATUS)) throw new Error(`fleet layer shader: ${gl.getShaderInfoLog(shader)}`);
			return shader;
		};
		const program = gl.createProgram()!;
		gl.attachShader(program, compile(gl.VERTEX_SHADER, VERTEX));
		gl.attachShader(program, compile(gl.FRAGMENT_SHADER, FRAGMENT));
		gl.linkProgram(program);
		if (!gl.getProgramParameter(program, gl.LINK_STATUS)) throw new Error(`fleet layer program: ${gl.getProgramInfoLog(program)}`);
		this.#program = program;
		this.#buffer = gl.createBuffer();
		this.#dirty = true;
	}

	onRemove(): void {
		const gl = this.#gl;
		if (gl) {
			if (this.#program) gl.deleteProgram(this.#program);
			if (this.#buffer) gl.deleteBuffer(this.#buffer);
		}
		this.#program = this.#buffer = this.#gl = this.#map = null;
	}

	render(gl: WebGLRenderingContext | WebGL2RenderingContext, options: CustomRenderMethodInput): void {
		const program = this.#program;
		const count = this.#fleet.count;
		if (!program || !this.#buffer || count === 0) return;
		// MapLibre may leave one of its vertex array objects bound: the default one is ours to set.
		const vao = 'bindVertexArray' in gl ? gl : null;
		vao?.bindVertexArray(null);
		gl.useProgram(program);
		gl.bindBuffer(gl.ARRAY_BUFFER, this.#buffer);
		if (this.#dirty) {
			gl.bufferData(gl.ARRAY_BUFFER, this.#fleet.data.subarray(0, count * FLOATS_PER_VEHICLE), gl.DYNAMIC_DRAW);
			this.#dirty = false;
		}
		const stride = FLOATS_PER_VEHICLE * 4;
		const attributes: [string, number, number][] = [['a_pos', 2, 0], ['a_heading', 1, 8], ['a_look', 1, 12]];
		const enabled: number[] = [];
		for (const [name, size, offset] of attributes) {
			const location = gl.getAttribLocation(program, name);
			gl.enableVertexAttribArray(location);
			gl.vertexAttribPointer(location, size, gl.FLOAT, false, stride, offset);
			enabled.push(location);
		}
		const ratio = this.#map?.getPixelRatio() ?? 1;
		gl.uniformMatrix4fv(gl.getUniformLocation(program, 'u_matrix'), false, Float32Array.from(options.defaultProjectionData.mainMatrix));
		gl.uniform1f(gl.getUniformLocation(program, 'u_arrow'), ARROW_PX * ratio);
		gl.uniform1f(gl.getUniformLocation(program, 'u_ring'), RING_PX * ratio);
		gl.uniform1f(gl.getUniformLocation(program, 'u_bearing'), ((this.#map?.getBearing() ?? 0) * Math.PI) / 180);
		gl.uniform3fv(gl.getUniformLocation(program, 'u_colours'), [...rgb(VEHICLE_COLOURS.courier), ...rgb(VEHICLE_COLOURS.transfer), ...rgb(VEHICLE_COLOURS.silent)]);
		gl.enable(gl.BLEND);
		gl.blendFunc(gl.ONE, gl.ONE_MINUS_SRC_ALPHA);
		gl.drawArrays(gl.POINTS, 0, count);
		for (const location of enabled) gl.disableVertexAttribArray(location);
	}
}
