// SPDX-License-Identifier: MIT
using System.Runtime.CompilerServices;
using ModelCompiler.Mixtures;

namespace ModelCompiler.LeastSquares;

/// <summary>The Levenberg–Marquardt step for every lane: Moré's λ iteration and its Givens solve.</summary>
internal sealed partial class LaneTrustRegion<T> where T : unmanaged, ILanes<T>
{
    /// <summary>
    /// MINPACK's lmpar (<see cref="MinpackKernels.LevenbergParameter"/>) for the lanes of <paramref name="mask"/>,
    /// each with its radius <paramref name="delta"/> and starting λ <paramref name="par"/>: writes the step's
    /// negative into <see cref="Step"/> and returns λ. Lanes leave the λ iteration at their own count.
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
        T result = Zero;
        T active = T.AndNot(mask, T.LessOrEqual(fp, T.Create(0.1) * delta));
        if (!T.Any(active))
            return result;

        // Lower bound from the Newton step when the Jacobian is of full rank.
        T fullRank = T.LessOrEqual(n, nsing);
        for (int j = 0; j < k; j++)
        {
            T l = Load(_pivot, j);
            LaneArrays.Store(Gather(diag, l) * (Gather(wa2, l) / dxnorm), wa1, j);
        }
        for (int j = 0; j < k; j++)
        {
            T sum = Zero;
            for (int i = 0; i < j; i++)
                sum += Load(r, j * k + i) * Load(wa1, i);
            LaneArrays.Store((Load(wa1, j) - sum) / Load(r, j * k + j), wa1, j);
        }
        T norm = Norm(active & fullRank, wa1);
        T parl = T.Select(fullRank, fp / delta / norm / norm, Zero);

        // Upper bound from the scaled gradient.
        for (int j = 0; j < k; j++)
        {
            T sum = Zero;
            for (int i = 0; i <= j; i++)
                sum += Load(r, j * k + i) * Load(_qtf, i);
            LaneArrays.Store(sum / Gather(diag, Load(_pivot, j)), wa1, j);
        }
        T gnorm = Norm(active, wa1);
        T paru = gnorm / delta;
        paru = T.Select(T.Equal(paru, Zero), T.Create(Dwarf) / Min(delta, T.Create(0.1)), paru);

        par = Max(par, parl);
        par = Min(par, paru);
        par = T.Select(T.Equal(par, Zero), gnorm / dxnorm, par);

        for (int iteration = 1; ; iteration++)
        {
            par = T.Select(T.Equal(par, Zero), Max(T.Create(Dwarf), T.Create(0.001) * paru), par);
            T sqrtPar = T.Sqrt(par);
            for (int j = 0; j < k; j++)
                LaneArrays.Store(sqrtPar * Load(diag, j), _dampedScale, j);
            GivensSolve(active);
            for (int j = 0; j < k; j++)
                LaneArrays.Store(Load(diag, j) * Load(Step, j), wa2, j);
            dxnorm = Norm(active, wa2);
            T previousFp = fp;
            fp = dxnorm - delta;

            T done = T.LessOrEqual(T.Abs(fp), T.Create(0.1) * delta)
                     | (T.Equal(parl, Zero) & T.LessOrEqual(fp, previousFp) & T.Less(previousFp, Zero));
            if (iteration == 10)
                done = AllLanes;
            result = T.Select(active & done, par, result);
            active = T.AndNot(active, done);
            if (!T.Any(active))
                return result;

            // Newton correction of par on the secular equation φ(par) = ‖Dx‖ − Δ.
            for (int j = 0; j < k; j++)
            {
                T l = Load(_pivot, j);
                LaneArrays.Store(Gather(diag, l) * (Gather(wa2, l) / dxnorm), wa1, j);
            }
            for (int j = 0; j < k; j++)
            {
                T temp = Load(wa1, j) / Load(_sDiagonal, j);
                LaneArrays.Store(temp, wa1, j);
                for (int i = j + 1; i < k; i++)
                    LaneArrays.Store(Load(wa1, i) - Load(r, j * k + i) * temp, wa1, i);
            }
            T tnorm = Norm(active, wa1);
            T parc = fp / delta / tnorm / tnorm;
            parl = T.Select(T.Less(Zero, fp), Max(parl, par), parl);
            paru = T.Select(T.Less(fp, Zero), Min(paru, par), paru);
            par = Max(parl, par + parc);
        }
    }

    /// <summary>
    /// MINPACK's qrsolv (<see cref="MinpackKernels.QrSolve"/>) with the damped scale for the lanes of
    /// <paramref name="mask"/>: S from R and the scale by Givens rotations (S's strict lower triangle in R's, its
    /// diagonal apart), the solution into <see cref="Step"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void GivensSolve(T mask)
    {
        int k = _k;
        double[] r = _r, sdiag = _sDiagonal, work = _work2;
        for (int j = 0; j < k; j++)
        {
            for (int i = j; i < k; i++)
                LaneArrays.Store(Load(r, i * k + j), r, j * k + i);
            LaneArrays.Store(Load(r, j * k + j), _rDiagonal, j);
            LaneArrays.Store(Load(_qtf, j), work, j);
        }

        for (int j = 0; j < k; j++)
        {
            T dl = Gather(_dampedScale, Load(_pivot, j));
            T eliminate = T.AndNot(mask, T.Equal(dl, Zero));
            if (T.Any(eliminate))
            {
                for (int c = j; c < k; c++)
                    Set(sdiag, c, eliminate, Zero);
                Set(sdiag, j, eliminate, dl);
                T qtbpj = Zero;
                for (int c = j; c < k; c++)
                {
                    T sc = Load(sdiag, c);
                    T rotate = T.AndNot(eliminate, T.Equal(sc, Zero));
                    T rcc = Load(r, c * k + c);
                    T cotan = rcc / sc;
                    T sinByCotan = T.Create(0.5) / T.Sqrt(T.Create(0.25) + T.Create(0.25) * cotan * cotan);
                    T tan = sc / rcc;
                    T cosByTan = T.Create(0.5) / T.Sqrt(T.Create(0.25) + T.Create(0.25) * tan * tan);
                    T byCotan = T.Less(T.Abs(rcc), T.Abs(sc));
                    T sin = T.Select(byCotan, sinByCotan, cosByTan * tan);
                    T cos = T.Select(byCotan, sinByCotan * cotan, cosByTan);
                    Set(r, c * k + c, rotate, cos * rcc + sin * sc);
                    T wc = Load(work, c);
                    T temp = cos * wc + sin * qtbpj;
                    qtbpj = T.Select(rotate, -sin * wc + cos * qtbpj, qtbpj);
                    Set(work, c, rotate, temp);
                    for (int i = c + 1; i < k; i++)
                    {
                        T ric = Load(r, c * k + i), si = Load(sdiag, i);
                        T rotated = cos * ric + sin * si;
                        Set(sdiag, i, rotate, -sin * ric + cos * si);
                        Set(r, c * k + i, rotate, rotated);
                    }
                }
            }
            LaneArrays.Store(Load(r, j * k + j), sdiag, j);
            LaneArrays.Store(Load(_rDiagonal, j), r, j * k + j);
        }

        // Back substitution; a singular S gives a least-squares solution with zeros.
        T n = T.Create(k), nsing = n;
        for (int j = 0; j < k; j++)
        {
            nsing = T.Select(T.Equal(Load(sdiag, j), Zero) & T.Equal(nsing, n), T.Create(j), nsing);
            LaneArrays.Store(T.Select(T.Less(nsing, n), Zero, Load(work, j)), work, j);
        }
        for (int j = k - 1; j >= 0; j--)
        {
            T sum = Zero;
            for (int i = j + 1; i < k; i++)
                sum = T.Select(T.Less(T.Create(i), nsing), sum + Load(r, j * k + i) * Load(work, i), sum);
            LaneArrays.Store(T.Select(T.Less(T.Create(j), nsing), (Load(work, j) - sum) / Load(sdiag, j), Load(work, j)), work, j);
        }
        Scatter(Step, work, mask);
    }
}
