// SPDX-License-Identifier: MIT
using ModelCompiler.Ode.Integration;

namespace ModelCompiler.Tests.Ode;

/// <summary>
/// The published coefficient tables, exactly as the steppers read them, checked against Butcher's order conditions:
/// every tree up to the claimed order satisfies Σ b_i·Φ_i(t) = 1/γ(t), and the next order fails (so the test can tell).
/// </summary>
public class CoefficientTests
{
    [Fact]
    public void TreeCountsAreTheKnownOnes()
    {
        var counts = RootedTree.UpTo(8).GroupBy(t => t.Order).OrderBy(g => g.Key).Select(g => g.Count()).ToArray();
        Assert.Equal([1, 1, 2, 4, 9, 20, 48, 115], counts);
    }

    [Fact]
    public void Dopri5IsOrderFiveWithAnOrderFourEmbeddedFormula()
    {
        var tableau = ExplicitTableau.Dopri5;
        var a = Matrix(tableau.A, 7);
        AssertOrder(a, tableau.B, 5);
        var embedded = tableau.B.Select((b, i) => b - ExplicitTableau.Dopri5Error[i]).ToArray();
        AssertOrder(a, embedded, 4);
        AssertRowSums(tableau, 7);
    }

    [Fact]
    public void Dop853IsOrderEightWithFifthAndThirdOrderEstimators()
    {
        var tableau = ExplicitTableau.Dop853;
        var a = Matrix(tableau.A, 12);
        AssertOrder(a, tableau.B, 8);
        var fifth = tableau.B.Select((b, i) => b - ExplicitTableau.Dop853Error5[i]).ToArray();
        AssertOrder(a, fifth, 5);
        AssertOrder(a, ExplicitTableau.Dop853Weights3, 3);
        AssertRowSums(tableau, 16);
    }

    [Fact]
    public void Dop853DenseStagesAreConsistent()
    {
        // The dense-output stages 14–16 (and the 13th, f at the new point) must be at least first-order consistent.
        var tableau = ExplicitTableau.Dop853;
        for (int i = 12; i < 16; i++)
            Assert.Equal(tableau.C[i], tableau.A[i].Sum(), 12);
    }

    [Theory]
    [InlineData("Rodas4")]
    [InlineData("Rodas5P")]
    public void RosenbrockMethodsMeetTheirOrderConditions(string name)
    {
        var tableau = name == "Rodas4" ? RosenbrockTableau.Rodas4 : RosenbrockTableau.Rodas5P;
        int s = tableau.Stages;
        // Back from the transformed variables: Γ⁻¹ = I/γ − C, α = A·Γ, b = M·Γ, b̂ = (M − E)·Γ.
        var gammaInverse = new double[s, s];
        for (int i = 0; i < s; i++)
        {
            gammaInverse[i, i] = 1 / tableau.Gamma;
            for (int j = 0; j < i; j++)
                gammaInverse[i, j] = -tableau.C[i][j];
        }
        var gamma = InvertLower(gammaInverse);
        var aTransformed = Matrix(tableau.A, s);
        var alpha = Multiply(aTransformed, gamma);
        var beta = new double[s, s];
        for (int i = 0; i < s; i++)
            for (int j = 0; j < s; j++)
                beta[i, j] = alpha[i, j] + gamma[i, j];
        var b = RowTimes(tableau.M, gamma);
        var bHat = RowTimes(tableau.M.Select((m, i) => m - tableau.E[i]).ToArray(), gamma);

        for (int i = 0; i < s; i++)
        {
            double alphaSum = 0, gammaSum = 0;
            for (int j = 0; j < s; j++)
            {
                alphaSum += alpha[i, j];
                gammaSum += gamma[i, j];
            }
            Assert.True(Math.Abs(alphaSum - tableau.Nodes[i]) < 1e-12, $"{name}: stage {i} node {tableau.Nodes[i]} but Σα = {alphaSum}");
            Assert.True(Math.Abs(gammaSum - tableau.D[i]) < 1e-12, $"{name}: stage {i} D {tableau.D[i]} but ΣΓ = {gammaSum}");
        }
        AssertRosenbrockOrder(name, alpha, beta, b, tableau.Order);
        AssertRosenbrockOrder(name + " embedded", alpha, beta, bHat, tableau.EmbeddedOrder);
    }

    private static void AssertRosenbrockOrder(string name, double[,] alpha, double[,] beta, double[] b, int order)
    {
        double worstAtNext = 0;
        foreach (var tree in RootedTree.UpTo(order + 1))
        {
            var phi = tree.RosenbrockWeights(alpha, beta);
            double residual = Math.Abs(b.Select((bi, i) => bi * phi[i]).Sum() - 1 / tree.Density);
            if (tree.Order <= order)
                Assert.True(residual < 1e-10, $"{name}: tree {tree.Key} (order {tree.Order}) misses its condition by {residual:E2}");
            else
                worstAtNext = Math.Max(worstAtNext, residual);
        }
        Assert.True(worstAtNext > 1e-6, $"{name} also meets every condition of order {order + 1}");
    }

    private static void AssertOrder(double[,] a, double[] b, int order)
    {
        double worstAtNext = 0;
        foreach (var tree in RootedTree.UpTo(order + 1))
        {
            var phi = tree.RungeKuttaWeights(a);
            double residual = Math.Abs(b.Select((bi, i) => i < phi.Length ? bi * phi[i] : 0).Sum() - 1 / tree.Density);
            if (tree.Order <= order)
                Assert.True(residual < 1e-13, $"tree {tree.Key} (order {tree.Order}) misses its condition by {residual:E2}");
            else
                worstAtNext = Math.Max(worstAtNext, residual);
        }
        Assert.True(worstAtNext > 1e-8, $"the weights also meet every condition of order {order + 1}");
    }

    private static void AssertRowSums(ExplicitTableau tableau, int stages)
    {
        for (int i = 0; i < stages; i++)
            Assert.True(Math.Abs(tableau.A[i].Sum() - tableau.C[i]) < 1e-14, $"stage {i}: Σa = {tableau.A[i].Sum()}, c = {tableau.C[i]}");
    }

    private static double[,] Matrix(double[][] rows, int size)
    {
        var m = new double[size, size];
        for (int i = 0; i < size; i++)
            for (int j = 0; j < rows[i].Length && j < size; j++)
                m[i, j] = rows[i][j];
        return m;
    }

    private static double[,] InvertLower(double[,] l)
    {
        int s = l.GetLength(0);
        var inverse = new double[s, s];
        for (int col = 0; col < s; col++)
        {
            for (int i = 0; i < s; i++)
            {
                double sum = i == col ? 1 : 0;
                for (int j = 0; j < i; j++)
                    sum -= l[i, j] * inverse[j, col];
                inverse[i, col] = sum / l[i, i];
            }
        }
        return inverse;
    }

    private static double[,] Multiply(double[,] x, double[,] y)
    {
        int s = x.GetLength(0);
        var product = new double[s, s];
        for (int i = 0; i < s; i++)
            for (int j = 0; j < s; j++)
                for (int k = 0; k < s; k++)
                    product[i, j] += x[i, k] * y[k, j];
        return product;
    }

    private static double[] RowTimes(double[] row, double[,] m)
    {
        int s = row.Length;
        var result = new double[s];
        for (int j = 0; j < s; j++)
            for (int k = 0; k < s; k++)
                result[j] += row[k] * m[k, j];
        return result;
    }
}
