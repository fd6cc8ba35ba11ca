namespace Weft.ControlPlane.Translation.Gateways;

/// <summary>
/// The Gateway API's order of matches across every route on one hostname: exact path, then
/// regular expression (implementation specific; Istio's order), then the longest prefix; then a
/// method; then the most header matches, then the most query matches; ties go to the oldest
/// route, then by namespace/name, then by rule and match order.
/// </summary>
public sealed record RulePrecedence(int PathKind, int PathLength, bool Method, int Headers, int Query, string Created, string Route, int Rule, int Match, int Part)
    : IComparable<RulePrecedence>
{
    public int CompareTo(RulePrecedence? other)
    {
        if (other is null)
            return -1;
        var c = other.PathKind.CompareTo(PathKind);
        if (c == 0) c = other.PathLength.CompareTo(PathLength);
        if (c == 0) c = other.Method.CompareTo(Method);
        if (c == 0) c = other.Headers.CompareTo(Headers);
        if (c == 0) c = other.Query.CompareTo(Query);
        if (c == 0) c = string.CompareOrdinal(Created, other.Created);
        if (c == 0) c = string.CompareOrdinal(Route, other.Route);
        if (c == 0) c = Rule.CompareTo(other.Rule);
        if (c == 0) c = Match.CompareTo(other.Match);
        if (c == 0) c = Part.CompareTo(other.Part);
        return c;
    }
}
