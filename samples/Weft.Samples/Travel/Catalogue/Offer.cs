namespace Weft.Samples.Travel.Catalogue;

/// <summary>One offer of a city (a flight, hotel, car or insurance) with its seed price.</summary>
/// <remarks>Prices are float32 because the demo's Go structs are: discounts then give the same fractions.</remarks>
public sealed record Offer(string Name, float Price);
