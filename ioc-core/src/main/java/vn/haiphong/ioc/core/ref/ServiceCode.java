package vn.haiphong.ioc.core.ref;

import java.time.Duration;
import vn.haiphong.ioc.core.text.LocalizedText;

/** A category of citizen field report (an Open311 service) with its deadlines. */
public record ServiceCode(
        String code,
        LocalizedText name,
        LocalizedText group,
        LocalizedText description,
        Duration acknowledgeWithin,
        Duration resolveWithin,
        String fusionCategory) {}
