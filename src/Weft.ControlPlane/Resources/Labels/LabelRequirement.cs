namespace Weft.ControlPlane.Resources.Labels;

public enum LabelOperator
{
    Equals,
    NotEquals,
    In,
    NotIn,
    Exists,
    DoesNotExist,
}

/// <summary>One requirement of a label selector (<c>app=web</c>, <c>tier in (a,b)</c>, <c>!canary</c>).</summary>
public sealed record LabelRequirement(string Key, LabelOperator Operator, IReadOnlyList<string> Values)
{
    /// <summary>Kubernetes' semantics: != and notin also match objects without the label.</summary>
    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        var has = labels.TryGetValue(Key, out var value);
        return Operator switch
        {
            LabelOperator.Equals => has && value == Values[0],
            LabelOperator.NotEquals => !has || value != Values[0],
            LabelOperator.In => has && Values.Contains(value!, StringComparer.Ordinal),
            LabelOperator.NotIn => !has || !Values.Contains(value!, StringComparer.Ordinal),
            LabelOperator.Exists => has,
            LabelOperator.DoesNotExist => !has,
            _ => false,
        };
    }

    public override string ToString() => Operator switch
    {
        LabelOperator.Equals => $"{Key}={Values[0]}",
        LabelOperator.NotEquals => $"{Key}!={Values[0]}",
        LabelOperator.In => $"{Key} in ({string.Join(",", Values)})",
        LabelOperator.NotIn => $"{Key} notin ({string.Join(",", Values)})",
        LabelOperator.Exists => Key,
        _ => "!" + Key,
    };
}
