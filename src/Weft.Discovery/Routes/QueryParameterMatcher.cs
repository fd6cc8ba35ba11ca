namespace Weft.Discovery.Routes;

/// <summary>A query parameter condition; Match null means "present".</summary>
public sealed record QueryParameterMatcher
{
    public required string Name { get; init; }

    public StringMatch? Match { get; init; }
}
