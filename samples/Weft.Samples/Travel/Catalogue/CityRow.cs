namespace Weft.Samples.Travel.Catalogue;

/// <summary>
/// A city of the agency, as its <c>cities</c> table has it: lat and lng stay strings.
/// <see cref="Position"/> is its 1-based place in the seed list, from which the seed's prices derive.
/// </summary>
public sealed record CityRow(int Position, string Name, string Lat, string Lng);
