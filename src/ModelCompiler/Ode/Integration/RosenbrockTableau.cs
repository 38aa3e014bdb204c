// SPDX-License-Identifier: MIT
namespace ModelCompiler.Ode.Integration;

/// <summary>
/// A Rosenbrock method in the transformed variables of Hairer &amp; Wanner (Solving ODE II, IV.7, (7.25)), which need no
/// product with J: U_i solves (I/(hγ) − J)·U_i = f(t + c_i·h, y + Σ_{j&lt;i} A_ij·U_j) + Σ_{j&lt;i} (C_ij/h)·U_j + D_i·h·∂f/∂t,
/// the solution is y + Σ M_i·U_i and the error estimate Σ E_i·U_i. With the method's (α, Γ, b):
/// A = α·Γ⁻¹, C = diag(1/γ) − Γ⁻¹, M = b·Γ⁻¹, c = row sums of α, D = row sums of Γ. The interpolant is
/// (1 − θ)·y0 + θ·(y1 + (1 − θ)·(k1 + θ·(k2 + θ·k3))) with k_r = Σ_j H_rj·U_j.
/// </summary>
internal sealed class RosenbrockTableau
{
    public required string Name { get; init; }
    public required int Order { get; init; }
    public required int EmbeddedOrder { get; init; }
    public required double Gamma { get; init; }
    public required double[][] A { get; init; }
    public required double[][] C { get; init; }
    public required double[] Nodes { get; init; }
    public required double[] D { get; init; }
    public required double[] M { get; init; }
    public required double[] E { get; init; }
    public required double[][] H { get; init; }

    public int Stages => Nodes.Length;

    /// <summary>
    /// Rodas4 (Hairer &amp; Wanner, Solving ODE II, 2nd ed., IV.7, Table 7.4 and the code RODAS): six stages, order 4,
    /// embedded order 3, γ = 1/4, stiffly accurate (the last two stages at t + h), dense output of order 3.
    /// </summary>
    public static RosenbrockTableau Rodas4 { get; } = BuildStifflyAccurate(
        "Rodas4", order: 4, embeddedOrder: 3, gamma: 0.25,
        a:
        [
            [1.544000000000000],
            [0.9466785280815826, 0.2557011698983284],
            [3.314825187068521, 2.896124015972201, 0.9986419139977817],
            [1.221224509226641, 6.019134481288629, 12.53708332932087, -0.6878860361058950],
        ],
        c:
        [
            [-5.668800000000000],
            [-2.430093356833875, -0.2063599157091915],
            [-0.1073529058151375, -9.594562251023355, -20.47028614809616],
            [7.496443313967647, -10.24680431464352, -33.99990352819905, 11.70890893206160],
            [8.083246795921522, -7.981132988064893, -31.52159432874371, 16.31930543123136, -6.058818238834054],
        ],
        nodes: [0, 0.386, 0.21, 0.63],
        d: [0.25, -0.1043, 0.1035, -0.0362],
        h:
        [
            [10.12623508344586, -7.487995877610167, -34.80091861555747, -7.992771707568823, 1.025137723295662],
            [-0.6762803392801253, 6.087714651680015, 16.43084320892478, 24.76722511418386, -6.594389125716872],
        ]);

    /// <summary>
    /// Rodas5P (Steinebach, "Construction of Rosenbrock–Wanner method Rodas5P and numerical benchmarks within the Julia
    /// Differential Equations package", BIT Numer. Math. 63, 2023): eight stages, order 5, embedded order 4,
    /// γ = 0.21193756319429014, stiffly accurate (the last three stages at t + h), dense output of order 4.
    /// </summary>
    public static RosenbrockTableau Rodas5P { get; } = BuildStifflyAccurate(
        "Rodas5P", order: 5, embeddedOrder: 4, gamma: 0.21193756319429014,
        a:
        [
            [3.0],
            [2.849394379747939, 0.45842242204463923],
            [-6.954028509809101, 2.489845061869568, -10.358996098473584],
            [2.8029986275628964, 0.5072464736228206, -0.3988312541770524, -0.04721187230404641],
            [-7.502846399306121, 2.561846144803919, -11.627539656261098, -0.18268767659942256, 0.030198172008377946],
        ],
        c:
        [
            [-14.155112264123755],
            [-17.97296035885952, -2.859693295451294],
            [147.12150275711716, -1.41221402718213, 71.68940251302358],
            [165.43517024871676, -0.4592823456491126, 42.90938336958603, -5.961986721573306],
            [24.854864614690072, -3.0009227002832186, 47.4931110020768, 5.5814197821558125, -0.6610691825249471],
            [30.91273214028599, -3.1208243349937974, 77.79954646070892, 34.28646028294783, -19.097331116725623, -28.087943162872662],
            [37.80277123390563, -3.2571969029072276, 112.26918849496327, 66.9347231244047, -40.06618937091002, -54.66780262877968,
             -9.48861652309627],
        ],
        nodes: [0, 0.6358126895828704, 0.4095798393397535, 0.9769306725060716, 0.4288403609558664],
        d: [0.21193756319429014, -0.42387512638858027, -0.3384627126235924, 1.8046452872882734, 2.325825639765069],
        h:
        [
            [25.948786856663858, -2.5579724845846235, 10.433815404888879, -2.3679251022685204, 0.524948541321073,
             1.1241088310450404, 0.4272876194431874, -0.17202221070155493],
            [-9.91568850695171, -0.9689944594115154, 3.0438037242978453, -24.495224566215796, 20.176138334709044,
             15.98066361424651, -6.789040303419874, -6.710236069923372],
            [11.419903575922262, 2.8879645146136994, 72.92137995996029, 80.12511834622643, -52.072871366152654,
             -59.78993625266729, -0.15582684282751913, 4.883087185713722],
        ]);

    /// <summary>
    /// Completes a stiffly accurate Rodas-type method from its published rows: the stages after the given A rows are
    /// at t + h with arguments "last given row + U's of the stages since", the solution adds the last stage and the
    /// embedded solution stops one stage short (so the error estimate is the last U), and D vanishes from there on.
    /// </summary>
    private static RosenbrockTableau BuildStifflyAccurate(string name, int order, int embeddedOrder, double gamma,
        double[][] a, double[][] c, double[] nodes, double[] d, double[][] h)
    {
        int s = c.Length + 1;
        int given = a.Length + 1;   // stages whose A row is published (the first has none)
        var fullA = new double[s][];
        fullA[0] = [];
        for (int i = 1; i < s; i++)
        {
            fullA[i] = new double[i];
            if (i < given)
            {
                a[i - 1].CopyTo(fullA[i], 0);
            }
            else
            {
                a[^1].CopyTo(fullA[i], 0);
                for (int j = given - 1; j < i; j++)
                    fullA[i][j] = 1;
            }
        }
        var fullC = new double[s][];
        fullC[0] = [];
        for (int i = 1; i < s; i++)
            fullC[i] = (double[])c[i - 1].Clone();
        var fullNodes = new double[s];
        nodes.CopyTo(fullNodes, 0);
        for (int i = nodes.Length; i < s; i++)
            fullNodes[i] = 1;
        var fullD = new double[s];
        d.CopyTo(fullD, 0);
        var m = new double[s];
        a[^1].CopyTo(m, 0);
        for (int j = given - 1; j < s; j++)
            m[j] = 1;
        var e = new double[s];
        e[s - 1] = 1;
        var fullH = new double[h.Length][];
        for (int r = 0; r < h.Length; r++)
        {
            fullH[r] = new double[s];
            h[r].CopyTo(fullH[r], 0);
        }
        return new RosenbrockTableau
        {
            Name = name, Order = order, EmbeddedOrder = embeddedOrder, Gamma = gamma, A = fullA, C = fullC,
            Nodes = fullNodes, D = fullD, M = m, E = e, H = fullH,
        };
    }
}
