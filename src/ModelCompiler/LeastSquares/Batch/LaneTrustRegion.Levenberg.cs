// SPDX-License-Identifier: MIT
using System.Runtime.CompilerServices;
using ModelCompiler.Mixtures;

namespace ModelCompiler.LeastSquares;

/// <summary>The Levenberg–Marquardt step for every lane: the Gauss–Newton step, and Moré's λ iteration where it is too long.</summary>
internal sealed partial class LaneTrustRegion<T> where T : unmanaged, ILanes<T>
{
    /// <summary>
    /// MINPACK's lmpar (<see cref="MinpackKernels.LevenbergParameter"/>) for the lanes of <paramref name="mask"/>,
    /// each with its radius <paramref name="delta"/> and starting λ <paramref name="par"/>: writes the step's
    /// negative into <see cref="Step"/> and returns λ.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private T LevenbergParameter(T mask, T delta, T par)
    {
        int k = _k;
        double[] r = _r, diag = Scale, wa1 = _work1, wa2 = _work2;
        T n = T.Create(k);

        // Gauss–Newton direction; least squares with zeros when R is singular.
        T nsing = n;
        for (int j = 0; j < k; j++)
        {
            nsing = T.Select(T.Equal(Load(r, j * k + j), Zero) & T.Equal(nsing, n), T.Create(j), nsing);
            LaneArrays.Store(T.Select(T.Less(nsing, n), Zero, Load(_qtf, j)), wa1, j);
        }
        for (int j = k - 1; j >= 0; j--)
        {
            T solve = T.Less(T.Create(j), nsing);
            T temp = T.Select(solve, Load(wa1, j) / Load(r, j * k + j), Load(wa1, j));
            LaneArrays.Store(temp, wa1, j);
            for (int i = 0; i < j; i++)
                LaneArrays.Store(T.Select(solve, Load(wa1, i) - Load(r, j * k + i) * temp, Load(wa1, i)), wa1, i);
        }
        Scatter(Step, wa1, mask);
        for (int j = 0; j < k; j++)
            LaneArrays.Store(Load(diag, j) * Load(Step, j), wa2, j);
        T dxnorm = Norm(mask, wa2);
        T fp = dxnorm - delta;
        T active = T.AndNot(mask, T.LessOrEqual(fp, T.Create(0.1) * delta));
        if (!T.Any(active))
            return Zero;

        // The λ iteration, for the few lanes whose Gauss–Newton step leaves the region (one or two of eight, mostly),
        // each by the scalar lmpar itself: vectors would pay every lane's divisions and square roots for them.
        double[] lanes = _laneValues;
        LaneArrays.Store(active, lanes, 0);
        LaneArrays.Store(par, lanes, 1);
        for (int l = 0; l < _w; l++)
        {
            if (lanes[l] == 0)
                continue;
            var lane = ScalarLaneOf(l);
            lanes[l] = MinpackKernels.LevenbergParameter(k, lane.R, k, lane.Pivot, lane.Scale, lane.Qtf, delta[l], lanes[_w + l],
                                                         lane.Step, lane.SolveDiagonal, lane.Work1, lane.Work2);
            for (int j = 0; j < k; j++)
                Step[j * _w + l] = lane.Step[j];
        }
        return T.Select(active, LaneArrays.Load<T>(lanes, 0), Zero);
    }

    /// <summary>One lane's factor and step, as the scalar lmpar takes them.</summary>
    private sealed class ScalarLane(int k)
    {
        public readonly double[] R = new double[k * k], Scale = new double[k], Qtf = new double[k], Step = new double[k];
        public readonly double[] SolveDiagonal = new double[k], Work1 = new double[k], Work2 = new double[k];
        public readonly int[] Pivot = new int[k];
    }
}
