package io.reviewstream.taskservice.topology;

import io.reviewstream.schemas.avro.HumanTaskUi;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/** Copies each task UI to task-service's own archive under its ARN; deletions are not copied. */
final class TemplateArchive implements Processor<String, HumanTaskUi, String, HumanTaskUi> {

    private ProcessorContext<String, HumanTaskUi> context;

    @Override
    public void init(ProcessorContext<String, HumanTaskUi> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, HumanTaskUi> record) {
        if (record.value() != null) {
            context.forward(record.withKey(record.value().getArn()));
        }
    }
}
