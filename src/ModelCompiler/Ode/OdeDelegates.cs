// SPDX-License-Identifier: MIT
namespace ModelCompiler.Ode;

/// <summary>A right-hand side dy/dt = f(t, y) written as code: writes f(t, y) to <paramref name="dydt"/>.</summary>
/// <remarks>Called many times per step: it should neither allocate nor keep state between calls.</remarks>
public delegate void OdeRightHandSide(double t, ReadOnlySpan<double> y, Span<double> dydt);

/// <summary>
/// ∂f/∂y at (t, y), written as the nonzero values of the problem's Jacobian pattern in its CSR order
/// (row-major n×n when the problem gives no pattern).
/// </summary>
public delegate void OdeJacobian(double t, ReadOnlySpan<double> y, Span<double> jacobian);

/// <summary>An event function g(t, y); an event occurs where g crosses zero.</summary>
public delegate double OdeEventFunction(double t, ReadOnlySpan<double> y);
