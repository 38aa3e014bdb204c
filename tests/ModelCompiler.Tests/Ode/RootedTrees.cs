// SPDX-License-Identifier: MIT
namespace ModelCompiler.Tests.Ode;

/// <summary>
/// Rooted trees for Butcher's order conditions (Hairer, Nørsett &amp; Wanner, Solving ODE I, II.2): a tree is its
/// multiset of subtrees; γ(t) = |t|·Π γ(subtrees). A method of order p satisfies Σ b_i·Φ_i(t) = 1/γ(t) for every
/// tree with at most p vertices.
/// </summary>
internal sealed class RootedTree
{
    private RootedTree(IReadOnlyList<RootedTree> children)
    {
        Children = children.OrderBy(c => c.Key, StringComparer.Ordinal).ToArray();
        Order = 1 + Children.Sum(c => c.Order);
        Key = "[" + string.Concat(Children.Select(c => c.Key)) + "]";
        Density = Order * Children.Aggregate(1.0, (product, c) => product * c.Density);
    }

    public IReadOnlyList<RootedTree> Children { get; }
    public int Order { get; }
    public double Density { get; }
    public string Key { get; }

    /// <summary>All trees with 1…<paramref name="maxOrder"/> vertices (1, 1, 2, 4, 9, 20, 48, 115 of each order).</summary>
    public static List<RootedTree> UpTo(int maxOrder)
    {
        var all = new List<RootedTree>();
        var current = new List<RootedTree> { new([]) };
        all.AddRange(current);
        for (int order = 2; order <= maxOrder; order++)
        {
            var next = new Dictionary<string, RootedTree>();
            foreach (var tree in current)
                foreach (var grown in tree.WithLeafEverywhere())
                    next.TryAdd(grown.Key, grown);
            current = next.Values.ToList();
            all.AddRange(current);
        }
        return all;
    }

    private IEnumerable<RootedTree> WithLeafEverywhere()
    {
        yield return new RootedTree([.. Children, new RootedTree([])]);
        for (int i = 0; i < Children.Count; i++)
        {
            foreach (var grown in Children[i].WithLeafEverywhere())
            {
                var children = Children.ToList();
                children[i] = grown;
                yield return new RootedTree(children);
            }
        }
    }

    /// <summary>Φ_i(t) for an explicit or implicit Runge–Kutta matrix A: Π over subtrees of Σ_j A_ij·Φ_j(subtree).</summary>
    public double[] RungeKuttaWeights(double[,] a)
    {
        int s = a.GetLength(0);
        var phi = Enumerable.Repeat(1.0, s).ToArray();
        foreach (var child in Children)
        {
            var inner = child.RungeKuttaWeights(a);
            for (int i = 0; i < s; i++)
            {
                double sum = 0;
                for (int j = 0; j < s; j++)
                    sum += a[i, j] * inner[j];
                phi[i] *= sum;
            }
        }
        return phi;
    }

    /// <summary>
    /// Φ_i(t) for a Rosenbrock method (Hairer &amp; Wanner, Solving ODE II, IV.7): a vertex with a single subtree takes it
    /// through β = α + Γ (Γ with its diagonal γ), a vertex with several subtrees takes each through α.
    /// </summary>
    public double[] RosenbrockWeights(double[,] alpha, double[,] beta)
    {
        int s = alpha.GetLength(0);
        if (Children.Count == 1)
        {
            var inner = Children[0].RosenbrockWeights(alpha, beta);
            var phi = new double[s];
            for (int i = 0; i < s; i++)
                for (int j = 0; j < s; j++)
                    phi[i] += beta[i, j] * inner[j];
            return phi;
        }
        var product = Enumerable.Repeat(1.0, s).ToArray();
        foreach (var child in Children)
        {
            var inner = child.RosenbrockWeights(alpha, beta);
            for (int i = 0; i < s; i++)
            {
                double sum = 0;
                for (int j = 0; j < s; j++)
                    sum += alpha[i, j] * inner[j];
                product[i] *= sum;
            }
        }
        return product;
    }
}
