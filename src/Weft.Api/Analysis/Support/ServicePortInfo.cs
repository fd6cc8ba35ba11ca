namespace Weft.Api.Analysis.Support;

/// <summary>One port of a service, whichever kind declared it.</summary>
internal readonly record struct ServicePortInfo(uint Number, string? Name, string? Protocol);
