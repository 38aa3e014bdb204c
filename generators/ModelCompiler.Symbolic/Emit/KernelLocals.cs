// SPDX-License-Identifier: MIT
using System.Collections.Generic;
using System.Linq;
using ModelCompiler.Generators.Model;
using ModelCompiler.Generators.Symbolic;

namespace ModelCompiler.Generators.Emit;

/// <summary>
/// The locals of one generated point loop over a model's schedule, and the statements that declare them: variables and
/// parameters in the user's names, hoisted and per-point values numbered after what they hold, vector broadcasts of the
/// invariants a point reads, and refs to spans. A name is claimed once, so the vector loop and the scalar tail of the
/// same method share it.
/// </summary>
internal sealed class KernelLocals
{
    private readonly Dictionary<Node, string> _names = new();
    private readonly Dictionary<Node, string> _broadcasts = new();
    private readonly Dictionary<string, string> _refs = new();

    public KernelLocals(ModelSpec spec)
    {
        Variables = spec.Variables.Select(NameScope.Identifier).ToArray();
        Parameters = spec.Parameters.Select(NameScope.Identifier).ToArray();
        Scope = new NameScope(spec.Variables.Concat(spec.Parameters));
    }

    public NameScope Scope { get; }

    /// <summary>The locals of the model's variables, by index.</summary>
    public string[] Variables { get; }

    /// <summary>The locals of the model's parameters, by index.</summary>
    public string[] Parameters { get; }

    /// <summary>The name of the <c>ref double</c> to the start of <paramref name="span"/>, claimed at its first use.</summary>
    public string Ref(string span)
    {
        if (!_refs.TryGetValue(span, out string? name))
            _refs[span] = name = Scope.Claim(span + "Ref");
        return name;
    }

    /// <summary>Declares the values that are free of the variables, once per call.</summary>
    public void WriteHoisted(SourceWriter w, Schedule schedule)
    {
        if (schedule.Hoisted.Count == 0)
            return;
        w.Line("// Free of the variables: computed once per call.");
        var writer = new ExpressionWriter(Lanes.Scalar, InvariantName);
        foreach (var node in schedule.Hoisted)
            Declare(w, node, writer.WriteDefinition(node), KernelWriter.ScalarType(node));
    }

    /// <summary>Broadcasts, before a vector loop of type <paramref name="v"/>, every invariant a point reads.</summary>
    public void WriteBroadcasts(SourceWriter w, Schedule schedule, string v)
    {
        string vector = v + "<double>";
        foreach (var invariant in schedule.InvariantsReadPerPoint())
        {
            string scalar = InvariantName(invariant)!;
            if (!_broadcasts.ContainsKey(invariant))
                _broadcasts[invariant] = Scope.Claim(scalar.TrimStart('@') + "V");
            w.Line($"{vector} {_broadcasts[invariant]} = {KernelWriter.Broadcast(v, invariant, scalar)};");
        }
    }

    /// <summary>Declares the per-point values of the loop body, typed by <paramref name="type"/>.</summary>
    public void WritePerPoint(SourceWriter w, Schedule schedule, ExpressionWriter writer, System.Func<Node, string> type)
    {
        foreach (var node in schedule.PerPoint)
            Declare(w, node, writer.WriteDefinition(node), type(node));
    }

    private void Declare(SourceWriter w, Node node, string definition, string type)
    {
        if (!_names.ContainsKey(node))
            _names[node] = Scope.Numbered(KernelWriter.Stem(node));
        w.Line($"{type} {_names[node]} = {definition};");
    }

    /// <summary>Outside the point loop: parameters and hoisted values by name.</summary>
    public string? InvariantName(Node node) => node.Op switch
    {
        Op.Parameter => Parameters[node.Index],
        _ => _names.TryGetValue(node, out string? name) ? name : null,
    };

    /// <summary>In scalar code: variables, parameters and every declared value by name.</summary>
    public string? ScalarName(Node node) => node.Op == Op.Variable ? Variables[node.Index] : InvariantName(node);

    /// <summary>In vector code: variables and per-point locals by name, invariants through their broadcasts.</summary>
    public string? VectorName(Node node)
    {
        if (node.Op == Op.Variable)
            return Variables[node.Index];
        if (_broadcasts.TryGetValue(node, out string? broadcast))
            return broadcast;
        return node.DependsOnVariables && _names.TryGetValue(node, out string? name) ? name : null;
    }
}
