// SPDX-License-Identifier: MIT
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using ModelCompiler.Generators;
using ModelCompiler.Generators.Emit;
using ModelCompiler.Generators.Model;
using ModelCompiler.Generators.Symbolic;
using SymbolicModel = ModelCompiler.Generators.Symbolic.CompiledModel;

namespace ModelCompiler;

/// <summary>What to compile: a formula with its names, and for a mixture its size and noise.</summary>
internal sealed record FormulaRequest(string Formula, IReadOnlyList<string> Variables, IReadOnlyList<string>? Parameters,
                                      int Components, Noise Noise, FormulaLimits Limits)
{
    public bool IsMixture => Components > 0;

    /// <summary>The cache key: the same request compiles to the same model.</summary>
    public string Key => string.Join("\u0001", Formula, string.Join("\u0002", Variables),
        Parameters is null ? "\u0003" : string.Join("\u0002", Parameters), Components, (int)Noise, Limits.ToString());
}

/// <summary>
/// The run-time front end of the symbolic core: the checks the generator makes on a <c>[Model("…")]</c> method, the
/// generator's emitter, Roslyn in memory, and a collectible load. The formula reaches the emitted C# only as identifiers
/// and numbers the core's parser produced, and as the escaped literal of <c>IModel.Formula</c>.
/// </summary>
internal static class FormulaCompiler
{
    /// <summary>The type the model is emitted into, in the global namespace of its own assembly, where no other type can
    /// shadow the names the emitted code uses.</summary>
    internal const string ContainerName = "RuntimeFormula";

    /// <summary>The model method; the generator's messages quote it (MC0013, MC0024), and its model type is <c>FormulaModel</c>.</summary>
    internal const string MethodName = "Formula";

    /// <summary>The compiler's thread stack: binding and differentiating recurse along the formula, whose length the limits bound.</summary>
    private const int StackSize = 64 * 1024 * 1024;

    public static (ModelCompiler.CompiledModel Model, CompiledMixture? Mixture) Compile(FormulaRequest request)
    {
        Validate(request);
        (ModelCompiler.CompiledModel, CompiledMixture?) result = default;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = CompileOnThisThread(request);
            }
            catch (Exception e) when (e is FormulaException or ArgumentException)
            {
                failure = e;
            }
            catch (Exception e)
            {
                // As the generator does: a failure of the core is MC9999 with what went wrong, never a crash of the caller.
                failure = Error(request.Formula, FormulaFinding.At(Diagnostics.InternalError, 0, 0, MethodName, e.GetType().Name + ": " + e.Message));
            }
        }, StackSize) { Name = "ModelCompiler.Formulas compiler", IsBackground = true };
        thread.Start();
        thread.Join();
        if (failure is not null)
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
        return result;
    }

    /// <summary>The text the generator emits for this request's model (and mixture), or the diagnostics that stop it.</summary>
    /// <summary>The longest variable or parameter name: 255 characters of up to 3 bytes each fit the 1024 bytes of metadata.</summary>
    private const int MaxNameLength = 255;

    internal static (string Source, SymbolicModel Model, List<FormulaDiagnostic> Warnings) Emit(FormulaRequest request)
    {
        var limits = request.Limits;
        string formula = request.Formula;
        if (formula.Length > limits.MaxLength)
            throw Error(formula, FormulaFinding.At(Diagnostics.FormulaTooLong, 0, 0, formula.Length.ToString(), limits.MaxLength.ToString()));
        var syntax = FormulaParser.Parse(formula, allowIndexing: false, out var parseError, limits.MaxNestingDepth);
        if (parseError is not null)
            throw Error(formula, parseError.TooDeep
                ? FormulaFinding.At(Diagnostics.FormulaTooDeep, parseError.Start, parseError.Length, parseError.Message)
                : FormulaChecks.Syntax(parseError));

        var variables = request.Variables;
        var parameters = request.Parameters ?? InferParameters(syntax, variables);
        if (parameters.Count == 0)
            throw Error(formula, FormulaFinding.At(Diagnostics.NoParameters, 0, 0, string.Join(", ", variables), variables[0]));
        if (parameters.Count > limits.MaxParameters)
            throw Error(formula, FormulaFinding.At(Diagnostics.TooManyParameters, 0, 0, parameters.Count.ToString(), limits.MaxParameters.ToString()));
        // Names become the compiled method's parameters, whose metadata holds at most 1024 bytes of UTF-8 (CS7013 was MC9999).
        if (variables.Concat(parameters).FirstOrDefault(name => name.Length > MaxNameLength) is { } longName)
        {
            int at = formula.IndexOf(longName, StringComparison.Ordinal);
            throw Error(formula, FormulaFinding.At(Diagnostics.NameTooLong, Math.Max(at, 0), at < 0 ? 0 : longName.Length,
                                                   longName[..16] + "…", longName.Length.ToString(), MaxNameLength.ToString()));
        }

        var findings = FormulaChecks.ConstantClashes(variables, parameters).ToList();
        findings.AddRange(FormulaChecks.ReservedNameClashes(variables, parameters));
        if (findings.Count == 0)
            findings.AddRange(FormulaChecks.Bind(syntax, variables, parameters, formulaLanguage: true, MethodName,
                                                 (start, length) => formula.Substring(start, length)));
        if (findings.Any(f => f.IsError))
            throw new FormulaException(formula, findings.Select(f => Diagnostic(f, formula)).ToList());

        var spec = Spec(formula, syntax, variables, parameters, request);
        SymbolicModel model;
        try
        {
            model = SymbolicModel.Compile(spec, limits.MaxGraphNodes);
        }
        catch (GraphLimitException e)
        {
            throw Error(formula, FormulaFinding.At(Diagnostics.GraphTooLarge, 0, 0, e.Limit.ToString()));
        }
        return (ModelEmitter.Emit(model), model, findings.Select(f => Diagnostic(f, formula)).ToList());
    }

    /// <summary>The spec the generator reads from <c>[Model(formula)] public static partial double Formula(double t, double a, …)</c>
    /// in <c>public static partial class RuntimeFormula</c>, with <c>[MixtureModel]</c> for a mixture.</summary>
    internal static ModelSpec Spec(string formula, FormulaSyntax syntax, IReadOnlyList<string> variables, IReadOnlyList<string> parameters,
                                   FormulaRequest request) =>
        new(Namespace: null,
            Containers: new[] { new ContainingType("class", ContainerName, "") }.ToEquatableArray(),
            MethodName: MethodName,
            Accessibility: "public",
            PartialSignature: PartialSignature(variables, parameters),
            Variables: variables.ToEquatableArray(),
            Parameters: parameters.ToEquatableArray(),
            FormulaText: formula,
            Syntax: syntax,
            AllowsNamedConstants: true,
            Location: new LocationInfo("", new TextSpanInfo(0, 0), default),
            Mixture: request.IsMixture ? new MixtureSpec(request.Components, request.Noise == Noise.Laplace ? MixtureSpec.Laplace : MixtureSpec.Gaussian) : null);

    /// <summary>The partial method as the generator writes its signature; its defining declaration is the other tree compiled.</summary>
    internal static string PartialSignature(IReadOnlyList<string> variables, IReadOnlyList<string> parameters) =>
        $"public static partial double {MethodName}({string.Join(", ", variables.Concat(parameters).Select(n => "double " + NameScope.Identifier(n)))})";

    private static (ModelCompiler.CompiledModel, CompiledMixture?) CompileOnThisThread(FormulaRequest request)
    {
        var (source, model, warnings) = Emit(request);
        var spec = model.Spec;
        var declaration = $"public static partial class {ContainerName}\n{{\n    {PartialSignature(spec.Variables, spec.Parameters)};\n}}\n";
        string key = CompiledImageCache.KeyOf(source, declaration);
        var (context, assembly) = LoadCachedImage(key) ?? LoadCompiledImage(request, source, declaration, key);
        var owner = new CompiledAssembly(context);
        var container = assembly.GetType(ContainerName, throwOnError: true)!;
        var modelType = container.GetNestedType(spec.ModelTypeName, BindingFlags.Public)!;
        var compiled = new ModelCompiler.CompiledModel(request.Formula, spec.Variables.ToArray(), spec.Parameters.ToArray(),
            model.IsLinearInParameters, modelType, warnings, source, owner);
        if (!request.IsMixture)
            return (compiled, null);
        var mixtureType = container.GetNestedType(spec.MixtureTypeName, BindingFlags.Public)!;
        return (compiled, new CompiledMixture(compiled, request.Components, request.Noise, mixtureType));
    }

    /// <summary>The image of <paramref name="key"/> from <see cref="Formula.CacheDirectory"/>, loaded, or null when there is none.</summary>
    private static (AssemblyLoadContext, Assembly)? LoadCachedImage(string key)
    {
        string? directory = Formula.CacheDirectory;
        if (directory is null || CompiledImageCache.TryRead(directory, key) is not { } image)
            return null;
        var context = new AssemblyLoadContext("ModelCompiler.Formulas model", isCollectible: true);
        try
        {
            var assembly = context.LoadFromStream(new MemoryStream(image));
            if (assembly.GetType(ContainerName) is not null)
                return (context, assembly);
        }
        catch (BadImageFormatException)
        {
        }
        // Damaged on disk, or not an image of ours: compiled again, and the new image written over it.
        context.Unload();
        return null;
    }

    /// <summary>The image Roslyn compiles from the sources, loaded, and kept in <see cref="Formula.CacheDirectory"/> if there is one.</summary>
    private static (AssemblyLoadContext, Assembly) LoadCompiledImage(FormulaRequest request, string source, string declaration, string key)
    {
        byte[] image = RoslynCompile(request, source, declaration, key);
        var context = new AssemblyLoadContext("ModelCompiler.Formulas model", isCollectible: true);
        var assembly = context.LoadFromStream(new MemoryStream(image));
        if (Formula.CacheDirectory is { } directory)
            CompiledImageCache.TryWrite(directory, key, image);
        return (context, assembly);
    }

    private static byte[] RoslynCompile(FormulaRequest request, string source, string declaration, string key)
    {
        // No preprocessor symbols, documentation comments not even parsed, the language the generator's output is written in.
        var parse = new CSharpParseOptions(LanguageVersion.CSharp11, DocumentationMode.None, SourceCodeKind.Regular, preprocessorSymbols: []);
        var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary,
            optimizationLevel: OptimizationLevel.Release, allowUnsafe: false, checkOverflow: false, deterministic: true,
            concurrentBuild: false, nullableContextOptions: NullableContextOptions.Enable);
        using var timeout = new CancellationTokenSource();
        bool bounded = request.Limits.CompileTimeout != Timeout.InfiniteTimeSpan;
        if (bounded)
            timeout.CancelAfter(request.Limits.CompileTimeout);
        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            var trees = new[]
            {
                CSharpSyntaxTree.ParseText(source, parse, "Formula.g.cs", cancellationToken: timeout.Token),
                CSharpSyntaxTree.ParseText(declaration, parse, "Formula.cs", cancellationToken: timeout.Token),
            };
            var compilation = CSharpCompilation.Create($"ModelCompiler.Formulas.Compiled.{key[..16]}", trees, References.Value, options);
            using var image = new MemoryStream();
            var emitted = compilation.Emit(image, cancellationToken: timeout.Token);
            if (!emitted.Success)
            {
                // The core emits only what it parsed; a C# error here is the core's failure, reported as the generator's.
                var first = emitted.Diagnostics.First(d => d.Severity == DiagnosticSeverity.Error);
                throw Error(request.Formula, FormulaFinding.At(Diagnostics.InternalError, 0, 0, MethodName, $"{first.Id}: {first.GetMessage()}"));
            }
            // Roslyn checks the token only between steps, so a compile can finish past the limit without seeing it: the
            // limit holds whether or not the token was seen in time.
            if (bounded && System.Diagnostics.Stopwatch.GetElapsedTime(started) > request.Limits.CompileTimeout)
                throw TimeExceeded(request);
            return image.ToArray();
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            throw TimeExceeded(request);
        }
    }

    private static FormulaException TimeExceeded(FormulaRequest request) =>
        Error(request.Formula, FormulaFinding.At(Diagnostics.CompileTimeExceeded, 0, 0, request.Limits.CompileTimeout.ToString()));

    /// <summary>
    /// The assemblies the emitted code needs and nothing else: the core library and the framework assemblies that hold
    /// (or forward) the types it names — spans, vectors, MemoryMarshal, Math, IReadOnlyList and the attribute it carries.
    /// </summary>
    private static readonly Lazy<MetadataReference[]> References = new(() =>
    {
        string framework = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var files = new[] { "System.Private.CoreLib.dll", "System.Runtime.dll", "System.Runtime.Intrinsics.dll", "System.Memory.dll",
                            "System.Runtime.InteropServices.dll", "System.Collections.dll" }
            .Select(name => Path.Combine(framework, name))
            .Append(typeof(IModel).Assembly.Location);
        return files.Select(file => (MetadataReference)MetadataReference.CreateFromFile(file)).ToArray();
    });

    /// <summary>Every name of the formula that is not a variable, a constant or a function, in order of first appearance.</summary>
    internal static List<string> InferParameters(FormulaSyntax syntax, IReadOnlyList<string> variables)
    {
        var found = new List<string>();
        var seen = new HashSet<string>(variables, StringComparer.Ordinal);
        // Left to right without recursion: a long sum is a deep tree.
        var pending = new Stack<FormulaSyntax>();
        pending.Push(syntax);
        while (pending.Count > 0)
        {
            switch (pending.Pop())
            {
                case ReferenceSyntax reference:
                    if (!Functions.Constants.ContainsKey(reference.Name) && seen.Add(reference.Name))
                        found.Add(reference.Name);
                    break;
                case NegateSyntax negate:
                    pending.Push(negate.Operand);
                    break;
                case NotSyntax not:
                    pending.Push(not.Operand);
                    break;
                case BinarySyntax binary:
                    pending.Push(binary.Right);
                    pending.Push(binary.Left);
                    break;
                case CallSyntax call:
                    for (int i = call.Arguments.Count - 1; i >= 0; i--)
                        pending.Push(call.Arguments[i]);
                    break;
                case ConditionalSyntax conditional:
                    pending.Push(conditional.WhenFalse);
                    pending.Push(conditional.WhenTrue);
                    pending.Push(conditional.Condition);
                    break;
            }
        }
        return found;
    }

    private static void Validate(FormulaRequest request)
    {
        request.Limits.Validate();
        if (request.Variables.Count == 0)
            throw new ArgumentException("A model needs at least one variable.", "variables");
        if (request.Variables.Count > request.Limits.MaxVariables)
            throw new ArgumentException($"{request.Variables.Count} variables are more than FormulaLimits.MaxVariables = {request.Limits.MaxVariables}.", "variables");
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        CheckNames(request.Variables, "variables", names);
        if (request.Parameters is not null)
            CheckNames(request.Parameters, "parameters", names);
    }

    /// <summary>Every name must be an identifier of the formula language as its parser reads one, and used once.</summary>
    private static void CheckNames(IReadOnlyList<string> names, string argument, Dictionary<string, string> seen)
    {
        for (int i = 0; i < names.Count; i++)
        {
            string? name = names[i];
            if (name is null)
                throw new ArgumentNullException($"{argument}[{i}]", $"{argument}[{i}] is null.");
            if (!IsName(name))
                throw new ArgumentException($"{argument}[{i}] = '{Shown(name)}' is not a name of the formula language: a letter or '_' followed by letters, digits or '_'.", argument);
            if (seen.TryGetValue(name, out string? first))
                throw new ArgumentException($"{argument}[{i}] = '{name}' is already {first}.", argument);
            seen.Add(name, $"{argument}[{i}]");
        }
    }

    /// <summary>True when the parser reads <paramref name="name"/> as one reference to exactly that name.</summary>
    internal static bool IsName(string name) =>
        name.Length is > 0 and <= 256
        && FormulaParser.Parse(name, out var error) is ReferenceSyntax reference
        && error is null && reference.Name == name && reference.Start == 0 && reference.Length == name.Length;

    private static string Shown(string text) => CSharpLiteral.String(text.Length <= 40 ? text : text[..40])[1..^1];

    private static FormulaException Error(string formula, FormulaFinding finding) => new(formula, [Diagnostic(finding, formula)]);

    /// <summary>
    /// A finding as the caller sees it: one about a declared name points at that name's first use in the formula (the
    /// generator puts it on the method's parameter, which a string has not), and the messages that quote the model
    /// method speak of the formula alone, since <c>Formula</c> is a method of the compiler's.
    /// </summary>
    private static FormulaDiagnostic Diagnostic(FormulaFinding finding, string formula)
    {
        var (start, length) = finding.Name is { } name && finding.Length == 0 ? FirstUse(formula, name) : (finding.Start, finding.Length);
        string message = finding.Message.Replace($" of '{MethodName}'", "");
        return new(finding.Descriptor.Id, message, start, length, finding.IsError);
    }

    /// <summary>Where <paramref name="name"/> first stands as a whole name in the formula; (0, 0) when it does not.</summary>
    private static (int Start, int Length) FirstUse(string formula, string name)
    {
        static bool IsNamePart(char c) => char.IsLetterOrDigit(c) || c == '_';
        for (int at = formula.IndexOf(name, StringComparison.Ordinal); at >= 0; at = formula.IndexOf(name, at + 1, StringComparison.Ordinal))
        {
            int end = at + name.Length;
            if ((at == 0 || !IsNamePart(formula[at - 1])) && (end == formula.Length || !IsNamePart(formula[end])))
                return (at, name.Length);
        }
        return (0, 0);
    }
}
