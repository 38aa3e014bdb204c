// SPDX-License-Identifier: MIT
namespace ModelCompiler.Ode.LinearAlgebra;

/// <summary>
/// A fill-reducing symmetric ordering: exact minimum degree (Tinney &amp; Walker's scheme 2, as analysed by Rose) on
/// the graph of A + Aᵀ, eliminating one node at a time in an explicit elimination graph, ties broken by the lower
/// index. Costs O(Σ d²) over the eliminated degrees, which suits the Jacobians of ODE systems (stencils, reaction
/// networks); for very large 2-D/3-D meshes an approximate minimum degree on a quotient graph would be faster.
/// </summary>
internal static class MinimumDegree
{
    /// <summary>The elimination order: position k holds the original index of the k-th eliminated node.</summary>
    public static int[] Order(SparsityPattern pattern)
    {
        int n = pattern.RowCount;
        var adjacency = new HashSet<int>[n];
        for (int i = 0; i < n; i++)
            adjacency[i] = [];
        var starts = pattern.RowStarts;
        var columns = pattern.ColumnIndices;
        for (int i = 0; i < n; i++)
        {
            for (int k = starts[i]; k < starts[i + 1]; k++)
            {
                int j = columns[k];
                if (j == i)
                    continue;
                adjacency[i].Add(j);
                adjacency[j].Add(i);
            }
        }
        var queue = new PriorityQueue<int, (int Degree, int Node)>(n);
        for (int i = 0; i < n; i++)
            queue.Enqueue(i, (adjacency[i].Count, i));
        var eliminated = new bool[n];
        var order = new int[n];
        var neighbours = new List<int>();
        int count = 0;
        while (queue.TryDequeue(out int v, out var priority))
        {
            if (eliminated[v] || priority.Degree != adjacency[v].Count)
                continue;   // a stale entry: the node was re-queued with its new degree
            eliminated[v] = true;
            order[count++] = v;
            neighbours.Clear();
            neighbours.AddRange(adjacency[v]);
            neighbours.Sort();
            foreach (int u in neighbours)
            {
                var set = adjacency[u];
                set.Remove(v);
                foreach (int w in neighbours)
                    if (w != u)
                        set.Add(w);
            }
            adjacency[v].Clear();
            foreach (int u in neighbours)
                queue.Enqueue(u, (adjacency[u].Count, u));
        }
        return order;
    }
}
