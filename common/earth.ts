// The Earth as Splits measures along it: a sphere of the mean radius (IUGG's), close enough for routes of a day.

/** Metres: the mean radius of the Earth. */
export const EARTH_RADIUS_M = 6_371_008.8;

/** Metres in one degree of latitude (and of longitude on the equator) on that sphere: about 111,195. */
export const METERS_PER_DEGREE = (EARTH_RADIUS_M * Math.PI) / 180;
