// SPDX-License-Identifier: MIT
using System.Globalization;
using OptimizeMenu;

// scipy.optimize's menu on the textbook's f(x) = x² − 4x + 8 from x0 = 1.3, then Rosenbrock in 2 and 100 unknowns, the
// helical valley system and Newton's cubic. Each function is declared once (MenuProblems.cs) and the generator writes
// its gradient, Hessian, Jacobian or derivatives: nobody writes a derivative by hand. Each of our calls is printed
// above scipy 1.10.1's run of the same call (from the shared reference set, see MenuCases.cs).
var ci = CultureInfo.InvariantCulture;

Console.WriteLine("f(x) = x^2 - 4x + 8 from x0 = 1.3 (minimum f = 4 at x = 2); counts: f, f' and f'' (or Hessian-vector products)");
Print(MenuCases.Textbook(), x => x[0].ToString("R", ci));
var (f, d1, d2) = MenuCases.Derivatives(1.3);
Console.WriteLine(string.Format(ci, "\ngenerated at x = 1.3: f = {0:R}, f' = {1:R}, f'' = {2:R}", f, d1, d2));
Console.WriteLine(string.Format(ci, "check_grad(f, g, [1.3]) = {0:R}    scipy: {1:R}", MenuCases.CheckGrad(), MenuCases.ScipyCheckGrad));
Console.WriteLine("\nnot in ModelCompiler:");
foreach (var (scipy, instead) in MenuCases.NotInModelCompiler)
    Console.WriteLine($"  {scipy}\n      {instead}");

Console.WriteLine("\nRosenbrock, x0 = (-1.2, 1, -1.2, 1, ...); x column: max |x_i - 1|; counts: f, gradient, Hessian\n"
                  + "(our Newton-CG: Hessian-vector products; scipy's trust-ncg forms the Hessian)");
Print(MenuCases.Rosenbrock(), x => x.Max(v => Math.Abs(v - 1)).ToString("G3", ci));

Console.WriteLine("\nHelical valley F(x) = 0 from (-1, 0, 0); f column: ||F||_2, counts: F and J");
Print([MenuCases.HelicalValley()], x => string.Join(", ", x.Select(v => v.ToString("G6", ci))));

Console.WriteLine("\nx^3 - 2x - 5 = 0 (root 2.0945514815423265...); f column: f(x), counts: f, f', f''");
Print(MenuCases.Cubic(), x => x[0].ToString("R", ci));

void Print(IReadOnlyList<MenuRow> rows, Func<double[], string> showX)
{
    Console.WriteLine(string.Format(ci, "  {0,-22} {1,-24} {2,-24} {3,5} {4,6} {5,6} {6,6}", "call", "x", "f", "iter", "f", "f'", "f''"));
    foreach (var row in rows)
    {
        Console.WriteLine(string.Format(ci, "  {0,-22} {1,-24} {2,-24:R} {3,5} {4,6} {5,6} {6,6}{7}", row.Call, showX(row.X), row.F,
            row.Iterations, row.Values, row.Gradients, row.Hessians, row.Converged ? "" : "  (not converged)"));
        if (row.Scipy is { } s)
            Console.WriteLine(string.Format(ci, "  {0,-22} {1,-24} {2,-24:R} {3,5} {4,6} {5,6} {6,6}   {7}", "  scipy 1.10",
                s.X is { } x ? x.ToString("R", ci) : "", s.F, s.Iterations?.ToString(ci) ?? "", s.Values, s.Gradients, s.Hessians, s.Call));
    }
}
