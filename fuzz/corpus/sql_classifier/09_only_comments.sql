-- nothing to do in this step
/* nested /* comments */ are fine */
