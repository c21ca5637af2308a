//! Node positions for the report, computed once in Rust so the browser only
//! draws.
//!
//! Takes a node count and an edge list (indices), gives one `[x, y]` per node
//! in pixels. A force layout in the browser (cytoscape's `cose`) takes
//! minutes on 5,000 nodes; this one takes well under a second: each connected
//! component gets a Fruchterman–Reingold layout whose repulsion only looks at
//! nearby nodes (a grid of cells), and the components, largest first, are
//! then packed in rows. News graphs are mostly many small components plus
//! entities with no relation at all, which a single global force layout
//! would scatter to the edges of the picture.
//!
//! The result is deterministic: the same graph gives the same picture.

/// Distance between two nodes joined by an edge, in pixels.
pub const NODE_SPACING: f64 = 60.0;

/// Default number of force iterations per component.
pub const DEFAULT_ITERATIONS: usize = 300;

/// Positions (`[x, y]`, pixels) for `n` nodes joined by `edges` (pairs of
/// node indices; out-of-range indices and self-loops are ignored).
pub fn layout(n: usize, edges: &[(usize, usize)], iterations: usize) -> Vec<[f64; 2]> {
    let edges: Vec<(usize, usize)> = edges
        .iter()
        .copied()
        .filter(|&(a, b)| a < n && b < n && a != b)
        .collect();
    let mut components = components(n, &edges);
    // Largest first; ties by first node so the order is stable.
    components.sort_by(|a, b| b.len().cmp(&a.len()).then(a[0].cmp(&b[0])));
    let mut local = vec![usize::MAX; n];
    let mut adjacency: Vec<Vec<usize>> = vec![Vec::new(); n];
    for &(a, b) in &edges {
        adjacency[a].push(b);
        adjacency[b].push(a);
    }
    let mut boxes = Vec::with_capacity(components.len());
    for comp in &components {
        for (i, &v) in comp.iter().enumerate() {
            local[v] = i;
        }
        let comp_edges: Vec<(usize, usize)> = comp
            .iter()
            .flat_map(|&v| {
                let local = &local;
                adjacency[v]
                    .iter()
                    .filter(move |&&w| v < w)
                    .map(move |&w| (local[v], local[w]))
            })
            .collect();
        boxes.push(force(comp.len(), &comp_edges, iterations));
    }
    let mut out = vec![[0.0, 0.0]; n];
    for (comp, (x0, y0, pos)) in components.iter().zip(pack(boxes)) {
        for (&v, p) in comp.iter().zip(pos) {
            out[v] = [(x0 + p[0]) * NODE_SPACING, (y0 + p[1]) * NODE_SPACING];
        }
    }
    out
}

/// Connected components, each a list of node indices in increasing order.
fn components(n: usize, edges: &[(usize, usize)]) -> Vec<Vec<usize>> {
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(parent: &mut [usize], mut v: usize) -> usize {
        while parent[v] != v {
            parent[v] = parent[parent[v]];
            v = parent[v];
        }
        v
    }
    for &(a, b) in edges {
        let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
        if ra != rb {
            parent[ra.max(rb)] = ra.min(rb);
        }
    }
    let mut by_root: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
    for v in 0..n {
        let r = find(&mut parent, v);
        by_root.entry(r).or_default().push(v);
    }
    by_root.into_values().collect()
}

/// Fruchterman–Reingold on one connected component, ideal edge length 1.
/// Returns positions with the bounding box starting at (0, 0).
fn force(n: usize, edges: &[(usize, usize)], iterations: usize) -> Vec<[f64; 2]> {
    // Start on a sunflower spiral: evenly spread, deterministic, no two
    // nodes on the same spot.
    let golden = std::f64::consts::PI * (3.0 - 5f64.sqrt());
    let mut pos: Vec<[f64; 2]> = (0..n)
        .map(|i| {
            let r = (i as f64 + 0.5).sqrt();
            let a = i as f64 * golden;
            [r * a.cos(), r * a.sin()]
        })
        .collect();
    if n > 2 {
        let cell = 2.0; // repulsion reaches two ideal lengths
        let mut disp = vec![[0.0f64; 2]; n];
        let start_temp = (n as f64).sqrt() * 0.5;
        let mut grid: std::collections::HashMap<(i64, i64), Vec<usize>> = Default::default();
        for it in 0..iterations {
            let temp = start_temp * (1.0 - it as f64 / iterations as f64) + 0.01;
            grid.clear();
            for (i, p) in pos.iter().enumerate() {
                let key = ((p[0] / cell).floor() as i64, (p[1] / cell).floor() as i64);
                grid.entry(key).or_default().push(i);
            }
            for d in disp.iter_mut() {
                *d = [0.0, 0.0];
            }
            for (i, p) in pos.iter().enumerate() {
                let (cx, cy) = ((p[0] / cell).floor() as i64, (p[1] / cell).floor() as i64);
                for gx in cx - 1..=cx + 1 {
                    for gy in cy - 1..=cy + 1 {
                        let Some(cell_nodes) = grid.get(&(gx, gy)) else {
                            continue;
                        };
                        for &j in cell_nodes {
                            if i == j {
                                continue;
                            }
                            let dx = p[0] - pos[j][0];
                            let dy = p[1] - pos[j][1];
                            let d2 = (dx * dx + dy * dy).max(1e-4);
                            if d2 > cell * cell {
                                continue;
                            }
                            // k² / d, along the unit vector: k²·(dx, dy) / d².
                            disp[i][0] += dx / d2;
                            disp[i][1] += dy / d2;
                        }
                    }
                }
            }
            for &(a, b) in edges {
                let dx = pos[a][0] - pos[b][0];
                let dy = pos[a][1] - pos[b][1];
                let d = (dx * dx + dy * dy).sqrt().max(1e-4);
                // d² / k along the unit vector: d·(dx, dy).
                let (fx, fy) = (dx * d, dy * d);
                disp[a][0] -= fx;
                disp[a][1] -= fy;
                disp[b][0] += fx;
                disp[b][1] += fy;
            }
            // Weak gravity keeps long chains and loose ends near the middle.
            for (p, d) in pos.iter_mut().zip(&disp) {
                let gx = d[0] - 0.05 * p[0];
                let gy = d[1] - 0.05 * p[1];
                let len = (gx * gx + gy * gy).sqrt();
                if len > 0.0 {
                    let step = len.min(temp);
                    p[0] += gx / len * step;
                    p[1] += gy / len * step;
                }
            }
        }
    } else if n == 2 {
        pos = vec![[0.0, 0.0], [1.0, 0.0]];
    }
    let min_x = pos.iter().map(|p| p[0]).fold(f64::INFINITY, f64::min);
    let min_y = pos.iter().map(|p| p[1]).fold(f64::INFINITY, f64::min);
    for p in &mut pos {
        p[0] -= min_x;
        p[1] -= min_y;
    }
    pos
}

/// Width over height of the whole packing: the report's graph area on a
/// landscape screen (about 780 × 540 pixels in a 1400 × 900 window), so a
/// fitted graph fills it rather than a square in its middle.
const ASPECT: f64 = 1.45;

/// Shelf packing: boxes in the given order (largest first), left to right
/// in rows about [`ASPECT`] times as wide as the whole is tall. The
/// components with relations are packed as a block of their own and the
/// single entities in rows under it: the report hides the single ones by
/// default, and the block then fills the view as it would alone. Returns
/// each box's offset with its positions.
fn pack(boxes: Vec<Vec<[f64; 2]>>) -> Vec<Placed> {
    let singles = boxes
        .iter()
        .position(|b| b.len() <= 1)
        .unwrap_or(boxes.len());
    let mut boxes = boxes;
    let single = boxes.split_off(singles);
    let (mut out, width, height) = shelves(boxes, 0.0, 0.0);
    let (rest, _, _) = shelves(
        single,
        width,
        if out.is_empty() { 0.0 } else { height + GAP },
    );
    out.extend(rest);
    out
}

/// A packed box: its offset and its positions.
type Placed = (f64, f64, Vec<[f64; 2]>);

/// Space between two packed boxes (in edge lengths).
const GAP: f64 = 1.0;

/// Packs `boxes` in rows from `y0`, rows at least `min_width` wide; gives
/// the offsets, the width of the widest row and the bottom of the last.
fn shelves(boxes: Vec<Vec<[f64; 2]>>, min_width: f64, y0: f64) -> (Vec<Placed>, f64, f64) {
    let size = |pos: &[[f64; 2]]| {
        let w = pos.iter().map(|p| p[0]).fold(0.0, f64::max);
        let h = pos.iter().map(|p| p[1]).fold(0.0, f64::max);
        (w, h)
    };
    let area: f64 = boxes
        .iter()
        .map(|b| {
            let (w, h) = size(b);
            (w + GAP) * (h + GAP)
        })
        .sum();
    let widest = boxes.iter().map(|b| size(b).0 + GAP).fold(0.0, f64::max);
    let row_width = (area * ASPECT).sqrt().max(widest).max(min_width);
    let (mut x, mut y, mut row_height) = (0.0, y0, 0.0f64);
    let mut width = 0.0f64;
    let mut out = Vec::with_capacity(boxes.len());
    for b in boxes {
        let (w, h) = size(&b);
        if x > 0.0 && x + w > row_width {
            x = 0.0;
            y += row_height + GAP;
            row_height = 0.0;
        }
        out.push((x, y, b));
        width = width.max(x + w);
        x += w + GAP;
        row_height = row_height.max(h);
    }
    (out, width, y + row_height)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dist(a: [f64; 2], b: [f64; 2]) -> f64 {
        ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2)).sqrt()
    }

    #[test]
    fn empty_and_single() {
        assert!(layout(0, &[], 10).is_empty());
        assert_eq!(layout(1, &[], 10), vec![[0.0, 0.0]]);
    }

    #[test]
    fn deterministic_finite_and_distinct() {
        let edges: Vec<(usize, usize)> = (0..200).map(|i| (i, (i * 7 + 3) % 250)).collect();
        let a = layout(300, &edges, 100);
        assert_eq!(a, layout(300, &edges, 100));
        assert!(a.iter().all(|p| p[0].is_finite() && p[1].is_finite()));
        for i in 0..a.len() {
            for j in i + 1..a.len() {
                assert!(dist(a[i], a[j]) > 1.0, "nodes {i} and {j} overlap");
            }
        }
    }

    #[test]
    fn neighbours_are_closer_than_strangers() {
        // Two triangles and a path: edges end up short, components apart.
        let edges = [
            (0, 1),
            (1, 2),
            (2, 0),
            (3, 4),
            (4, 5),
            (5, 3),
            (6, 7),
            (7, 8),
        ];
        let p = layout(9, &edges, 200);
        let longest_edge = edges
            .iter()
            .map(|&(a, b)| dist(p[a], p[b]))
            .fold(0.0, f64::max);
        assert!(longest_edge < 2.5 * NODE_SPACING, "{longest_edge}");
        assert!(dist(p[0], p[3]) > longest_edge);
    }

    #[test]
    fn bad_edges_are_ignored() {
        let p = layout(3, &[(0, 0), (0, 9), (1, 2)], 50);
        assert_eq!(p.len(), 3);
    }

    #[test]
    fn five_thousand_nodes_get_finite_positions() {
        // How long this takes is measured by `cargo bench --bench report_render`;
        // here only that a large graph lays out to usable coordinates.
        let n = 5000;
        let edges: Vec<(usize, usize)> = (1..n).map(|i| (i, (i * 31) % i)).collect();
        let p = layout(n, &edges, DEFAULT_ITERATIONS);
        assert_eq!(p.len(), n);
        assert!(p.iter().all(|[x, y]| x.is_finite() && y.is_finite()));
    }
}
