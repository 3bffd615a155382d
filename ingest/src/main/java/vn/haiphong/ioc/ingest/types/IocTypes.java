package vn.haiphong.ioc.ingest.types;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.NullableMapTypeInfo;
import org.apache.flink.api.java.typeutils.PojoField;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import vn.haiphong.ioc.core.alert.Alert;

/**
 * Flink types of the job's values where Flink's own analysis is not good enough. ioc-core knows nothing of Flink, so
 * the choices are made here and handed to Flink by the functions that produce the values ({@code
 * ResultTypeQueryable}).
 */
public final class IocTypes {
    /**
     * {@link Alert} as Flink's POJO analysis sees it, except its {@code evidence}: a {@code Map<String, Object>}, whose
     * values Flink would give to Kryo, gets {@link EvidenceValueTypeInfo}. For the alert streams only: keyed state
     * holding an alert keeps {@code TypeInformation.of(Alert.class)}, as changing a state's serializer would make the
     * checkpoints already taken impossible to restore (and the heap state backend serializes only at checkpoints).
     */
    public static final TypeInformation<Alert> ALERT = alert();

    private IocTypes() {}

    private static TypeInformation<Alert> alert() {
        if (!(TypeInformation.of(Alert.class) instanceof PojoTypeInfo<Alert> analysed)) {
            throw new IllegalStateException(
                    "Flink no longer analyses Alert as a POJO: " + TypeInformation.of(Alert.class));
        }
        List<PojoField> fields = new ArrayList<>();
        boolean replaced = false;
        for (int i = 0; i < analysed.getArity(); i++) {
            PojoField field = analysed.getPojoFieldAt(i);
            if (field.getField().getName().equals("evidence")) {
                field = new PojoField(
                        field.getField(), new NullableMapTypeInfo<>(Types.STRING, EvidenceValueTypeInfo.INSTANCE));
                replaced = true;
            }
            fields.add(field);
        }
        if (!replaced) {
            throw new IllegalStateException("Alert has no 'evidence' field any more: update IocTypes");
        }
        return new PojoTypeInfo<>(Alert.class, fields);
    }
}
