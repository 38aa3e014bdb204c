// SPDX-License-Identifier: MIT
namespace ModelCompiler.Ode.Integration;

/// <summary>The running counts behind <see cref="OdeStatistics"/>, shared by the steppers of one integration.</summary>
internal sealed class OdeCounters
{
    public int Steps;
    public int RejectedSteps;
    public int FunctionEvaluations;
    public int JacobianEvaluations;
    public int Factorizations;
    public int LinearSolves;
    public int ErrorTestFailures;
    public int NonlinearIterations;
    public int NonlinearConvergenceFailures;
    public int MethodSwitches;
}
