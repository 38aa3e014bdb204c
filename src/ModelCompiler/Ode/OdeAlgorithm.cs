// SPDX-License-Identifier: MIT
namespace ModelCompiler.Ode;

/// <summary>
/// An integration method, chosen by type as in <c>OdeSolver.Solve(problem, new Rodas5P())</c>. Each method
/// controls the local error with the tolerances of <see cref="OdeOptions"/> and provides dense output.
/// </summary>
public abstract record OdeAlgorithm
{
    private protected OdeAlgorithm() { }

    /// <summary>The method's name, as reported in results.</summary>
    public abstract string Name { get; }

    /// <summary>Whether the method solves linear systems with the Jacobian (and so uses <see cref="OdeOptions.LinearSolver"/>).</summary>
    public abstract bool IsImplicit { get; }
}

/// <summary>
/// Dormand &amp; Prince (1980) explicit Runge–Kutta 5(4), seven stages with the last reused as the next step's
/// first (six evaluations of f per step), the PI step-size control and stiffness test of Hairer, Nørsett &amp;
/// Wanner (Solving ODE I, II.4–II.5 and IV.2), and a continuous extension of order 4. The method for
/// non-stiff problems at moderate tolerances (scipy's RK45, MATLAB's ode45).
/// </summary>
public sealed record Dopri5 : OdeAlgorithm
{
    /// <inheritdoc/>
    public override string Name => "Dopri5";

    /// <inheritdoc/>
    public override bool IsImplicit => false;
}

/// <summary>
/// DOP853 (Hairer, Nørsett &amp; Wanner, Solving ODE I, II.10): the explicit Runge–Kutta 8(5,3) pair of Dormand
/// &amp; Prince with twelve stages, an error estimate combining fifth- and third-order embedded formulas, and a
/// continuous extension of order 7 (three more evaluations of f, only in steps where it is used).
/// The method for non-stiff problems at tight tolerances.
/// </summary>
public sealed record Dop853 : OdeAlgorithm
{
    /// <inheritdoc/>
    public override string Name => "DOP853";

    /// <inheritdoc/>
    public override bool IsImplicit => false;
}

/// <summary>
/// Rodas5P (Steinebach 2023): a stiffly accurate Rosenbrock method of order 5 with an embedded order-4 estimate,
/// eight stages (eight evaluations of f, one Jacobian and one LU factorization per step), and a dense output
/// of order 4. L-stable; the Jacobian must be exact, which the generator provides.
/// </summary>
public sealed record Rodas5P : OdeAlgorithm
{
    /// <inheritdoc/>
    public override string Name => "Rodas5P";

    /// <inheritdoc/>
    public override bool IsImplicit => true;
}

/// <summary>
/// Rodas4 (Hairer &amp; Wanner, Solving ODE II, IV.7): a stiffly accurate Rosenbrock method of order 4(3) with six
/// stages and a dense output of order 3.
/// </summary>
public sealed record Rodas4 : OdeAlgorithm
{
    /// <inheritdoc/>
    public override string Name => "Rodas4";

    /// <inheritdoc/>
    public override bool IsImplicit => true;
}

/// <summary>
/// The variable-order (1–<see cref="MaxOrder"/>) backward differentiation formulas in the quasi-constant
/// step-size form of Shampine &amp; Reichelt (1997), optionally the numerical differentiation formulas (NDF) of
/// Klopfenstein and Shampine, with a simplified Newton iteration on the generated Jacobian. As CVODE does, the
/// Jacobian is kept while the iteration converges (at most <see cref="MaxStepsPerJacobian"/> steps) and the LU
/// factorization of I − cJ is kept while c = h/α moves by less than 30 % (the correction is then rescaled).
/// </summary>
public sealed record Bdf : OdeAlgorithm
{
    /// <inheritdoc/>
    public override string Name => NumericalDifferentiationFormulas ? "NDF" : "BDF";

    /// <inheritdoc/>
    public override bool IsImplicit => true;

    /// <summary>The highest order, 1 to 5.</summary>
    public int MaxOrder { get; init; } = 5;

    /// <summary>
    /// Use the NDFs (κ = −0.185, −1/9, −0.0823, −0.0415, 0 for orders 1–5), which take about 20 % longer steps than
    /// the BDFs at the same accuracy with slightly smaller stability regions (A(α) angles 90°, 90°, 80°, 66°, 51°
    /// against 90°, 90°, 86°, 73°, 51°). False gives the classical BDFs, as in CVODE.
    /// </summary>
    public bool NumericalDifferentiationFormulas { get; init; } = true;

    /// <summary>The most steps between two Jacobian evaluations while the Newton iteration keeps converging (CVODE's 50).</summary>
    public int MaxStepsPerJacobian { get; init; } = 50;
}

/// <summary>
/// Starts with <see cref="Nonstiff"/>, watches for stiffness (Hairer's estimate of h·|λ| from the last stages
/// exceeding the explicit method's stability boundary on 15 steps), switches to <see cref="Stiff"/>, and
/// switches back when the stiff method's steps fall well inside the explicit method's stability region
/// (h·ρ(J) from power iteration on the Jacobian). Every switch is recorded in <see cref="OdeResult.MethodSwitches"/>.
/// The counterpart of odeint's LSODA.
/// </summary>
public sealed record Auto : OdeAlgorithm
{
    /// <inheritdoc/>
    public override string Name => $"Auto({Nonstiff.Name}/{Stiff.Name})";

    /// <inheritdoc/>
    public override bool IsImplicit => true;

    /// <summary>The explicit method: <see cref="Dopri5"/> or <see cref="Dop853"/>.</summary>
    public OdeAlgorithm Nonstiff { get; init; } = new Dopri5();

    /// <summary>The stiff method: <see cref="Bdf"/>, <see cref="Rodas5P"/> or <see cref="Rodas4"/>.</summary>
    public OdeAlgorithm Stiff { get; init; } = new Bdf();
}
