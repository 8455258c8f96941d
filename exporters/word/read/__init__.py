"""Reading Word documents: any council's action plan, and sendplan's own documents, into a plan."""
