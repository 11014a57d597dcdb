package com.careslot.command.payment;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import com.careslot.api.slot.BookSlot;
import com.careslot.api.slot.RescheduleAppointment;
import com.careslot.command.CommandHandlingConfiguration;

/**
 * A slot of a doctor who is paid online is booked only by the payment: a {@link BookSlot} on the command bus
 * without a payment id is refused. (The payment books through {@link PaymentFlow}, with the payment's id.) A
 * reschedule moves the payment with the appointment, so it may go to a paid slot only from a slot of the same doctor;
 * from anywhere else it would be a booking without paying. Without Stripe keys this costs nothing.
 */
@Component
@Order(CommandHandlingConfiguration.PAID_BOOKINGS)
public class PaidBookings implements MessageHandlerInterceptor<CommandMessage<?>> {

    private final ObjectProvider<PaymentTerms> terms;
    private final ObjectProvider<PlatformTransactionManager> transactions;

    /** The terms are looked up when first needed: they read the clock and Axon, which are made after the bus. */
    PaidBookings(ObjectProvider<PaymentTerms> terms, ObjectProvider<PlatformTransactionManager> transactions) {
        this.terms = terms;
        this.transactions = transactions;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain)
            throws Exception {
        Object command = unitOfWork.getMessage().getPayload();
        if (command instanceof BookSlot book && book.paymentId() == null && Boolean.TRUE.equals(
                outsideTheCommandsTransaction(() -> terms.getObject().slotIsPaid(book.slotId())))) {
            throw new PaymentRequiredException(book.slotId());
        }
        if (command instanceof RescheduleAppointment move && move.toSlotId() != null
                && Boolean.FALSE.equals(outsideTheCommandsTransaction(
                        () -> terms.getObject().paidAlike(move.fromSlotId(), move.toSlotId())))) {
            throw new PaymentRequiredException(move.toSlotId());
        }
        return chain.proceed();
    }

    /**
     * The terms are read on a connection of their own, returned before the command goes on: the command's
     * transaction takes its connection only at its first statement, after the slot's lock, so a command waiting for a
     * hot slot holds none (SlotLocks). What is read here does not change under the command (a slot's doctor, a
     * doctor's fee and payment switch), so it needs no part in the command's transaction.
     */
    private Boolean outsideTheCommandsTransaction(java.util.function.Supplier<Boolean> read) {
        TransactionTemplate template = new TransactionTemplate(transactions.getObject());
        template.setPropagationBehavior(TransactionDefinition.PROPAGATION_NOT_SUPPORTED);
        return template.execute(status -> read.get());
    }
}
